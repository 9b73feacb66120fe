package io.carbonx.gateway.http.command;

import io.carbonx.protocol.Fields;
import io.carbonx.protocol.InvalidFieldException;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.registry.UnitAttributes;
import io.carbonx.registry.UnitLabel;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /commands/issue-project-units}: issue units for a project into an account, with a fresh serial block
 * and the attributes the registry keeps with it: {@code projectType} (FORESTRY, OCEAN, RENEWABLE, METHANE,
 * HOUSEHOLD, TRANSPORT, OTHER), {@code projectId} (positive), {@code vintage} (a year), {@code registeredDate}
 * (yyyy-mm-dd) and optional {@code labels} (ARTICLE6_AUTHORISED, CORRESPONDING_ADJUSTMENT, CORSIA_ELIGIBLE, each at
 * most once). Regulator only.
 */
public record IssueProjectUnitsRequest(
    long account,
    String instrument,
    long quantity,
    String projectType,
    long projectId,
    int vintage,
    String registeredDate,
    @OptionalField List<String> labels) implements CommandRequest
{
    public IssueProjectUnitsRequest
    {
        Fields.positive("quantity", quantity);
        Fields.positive("projectId", projectId);
        Fields.year("vintage", vintage);
        Fields.date("registeredDate", registeredDate);
        projectType(projectType);
        labels(labels);
    }

    @Override
    public List<Long> actingAccounts()
    {
        return List.of(account);
    }

    @Override
    public int encode(final CommandEncoders encoders, final MutableDirectBuffer buffer)
    {
        return encoders.commands().issueProjectUnits(
            buffer, 0, account, encoders.instruments().id("instrument", instrument), quantity,
            new UnitAttributes(projectType(projectType), projectId, vintage,
                Fields.date("registeredDate", registeredDate), labels(labels)));
    }

    private static ProjectType projectType(final String projectType)
    {
        for (final ProjectType value : ProjectType.values())
        {
            if (value != ProjectType.NULL_VAL && value.name().equals(projectType))
            {
                return value;
            }
        }
        throw new InvalidFieldException("field 'projectType': must be one of " + Arrays.stream(ProjectType.values())
            .filter(value -> value != ProjectType.NULL_VAL).map(Enum::name).toList() + ", was '" + projectType + "'");
    }

    private static int labels(final List<String> labels)
    {
        int bits = 0;
        if (labels == null)
        {
            return bits;
        }
        for (final String name : labels)
        {
            final UnitLabel label = Arrays.stream(UnitLabel.values()).filter(value -> value.name().equals(name))
                .findFirst().orElseThrow(() -> new InvalidFieldException("field 'labels': must be of " +
                    Arrays.toString(UnitLabel.values()) + ", was '" + name + "'"));
            if (label.isIn(bits))
            {
                throw new InvalidFieldException("field 'labels': " + name + " given twice");
            }
            bits |= label.bit();
        }
        return bits;
    }
}

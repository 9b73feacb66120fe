package io.carbonx.registry;

import io.carbonx.protocol.sbe.AccountType;
import io.carbonx.protocol.sbe.ProjectType;
import io.carbonx.protocol.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's project issuance table: attributes kept by serial block at issuance, found by serial for any unit
 * wherever it has moved, checked against a rule on the very units a removal would take, and carried by the snapshot
 * and the state hash.
 */
class ProjectIssuancesTest
{
    private static final int CCER = 2;
    private static final int PHCER = 3;
    private static final long FEE = 1;
    private static final long OWNER = 3001;
    private static final long BUYER = 1001;

    private static final UnitAttributes FOREST_2024 = new UnitAttributes(ProjectType.FORESTRY, 1234, 2023, 20240301,
        UnitLabel.CORSIA_ELIGIBLE.bit());
    private static final UnitAttributes METHANE_2019 = new UnitAttributes(ProjectType.METHANE, 77, 2019, 20190615, 0);

    private final Registry registry = new Registry(FEE, HoldingLimits.unlimited(), 4);

    /**
     * Serials of CCER: 1..100 plain, 101..150 forestry (registered 2024-03-01), 151..160 plain, 161..200 methane
     * (registered 2019-06-15); PHCER 1..10 plain.
     */
    private void issueMixed()
    {
        assertNull(registry.openAccount(OWNER, AccountType.PROJECT_OWNER));
        assertNull(registry.openAccount(BUYER, AccountType.COMPLIANCE));
        assertNull(registry.issue(OWNER, CCER, 100));
        assertNull(registry.issueProject(OWNER, CCER, 50, FOREST_2024));
        assertNull(registry.issue(OWNER, CCER, 10));
        assertNull(registry.issueProject(OWNER, CCER, 40, METHANE_2019));
        assertNull(registry.issue(OWNER, PHCER, 10));
    }

    @Test
    void attributesAreFoundBySerialAndUnitsIssuedPlainlyHaveNone()
    {
        issueMixed();
        final ProjectIssuances table = registry.projectIssuances();

        assertEquals(2, table.count(CCER));
        assertEquals(0, table.count(PHCER));
        assertEquals(-1, table.find(CCER, 100));
        assertEquals(0, table.find(CCER, 101));
        assertEquals(0, table.find(CCER, 150));
        assertEquals(-1, table.find(CCER, 151));
        assertEquals(1, table.find(CCER, 161));
        assertEquals(1, table.find(CCER, 200));
        assertEquals(-1, table.find(CCER, 201), "never issued");
        assertEquals(-1, table.find(PHCER, 5));
        assertEquals(FOREST_2024, table.attributes(CCER, 0));
        assertEquals(METHANE_2019, table.attributes(CCER, 1));
        assertEquals(101, table.nextFirstAfter(CCER, 1));
        assertEquals(161, table.nextFirstAfter(CCER, 101));
        assertEquals(Long.MAX_VALUE, table.nextFirstAfter(CCER, 161));
        assertEquals(200, registry.issued(CCER), "a project issue gives out serials like any other");
    }

    @Test
    void aProjectIssueWithBadAttributesIsRefusedAndChangesNothing()
    {
        issueMixed();
        final long hash = registry.stateHash();

        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, registry.issueProject(OWNER, CCER, 5,
            new UnitAttributes(ProjectType.NULL_VAL, 1, 2024, 20240101, 0)));
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, registry.issueProject(OWNER, CCER, 5,
            new UnitAttributes(ProjectType.OCEAN, 0, 2024, 20240101, 0)), "project id must be positive");
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, registry.issueProject(OWNER, CCER, 5,
            new UnitAttributes(ProjectType.OCEAN, 1, 2024, 20240230, 0)), "no 30 February");
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, registry.issueProject(OWNER, CCER, 5,
            new UnitAttributes(ProjectType.OCEAN, 1, 0, 20240101, 0)), "vintage");
        assertEquals(RejectReason.INVALID_UNIT_ATTRIBUTES, registry.issueProject(OWNER, CCER, 5,
            new UnitAttributes(ProjectType.OCEAN, 1, 2024, 20240101, 8)), "unknown label bit");
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, registry.issueProject(4242, CCER, 5, FOREST_2024));
        assertEquals(RejectReason.INVALID_AMOUNT, registry.issueProject(OWNER, CCER, 0, FOREST_2024));

        assertEquals(hash, registry.stateHash());
        assertEquals(2, registry.projectIssuances().count(CCER));
        assertTrue(UnitAttributes.isDate(20240229), "2024 is a leap year");
        assertFalse(UnitAttributes.isDate(20230229));
    }

    @Test
    void movedUnitsKeepTheirAttributesAndARuleChecksTheUnitsARemovalWouldTake()
    {
        issueMixed();
        // Moving 120 takes 1..100 and 101..120: the buyer holds plain units, then forestry ones.
        assertNull(registry.transfer(OWNER, BUYER, CCER, 120));
        final UnitRule registeredFrom2024 = (attributed, type, id, vintage, registered, labels) ->
            attributed && registered >= 20240122;

        assertEquals(1, registry.firstInadmissible(BUYER, CCER, 1, registeredFrom2024),
            "the oldest units were issued without attributes");
        assertNull(registry.transfer(BUYER, OWNER, CCER, 100));
        assertEquals(0, registry.firstInadmissible(BUYER, CCER, 20, registeredFrom2024),
            "the buyer now holds exactly the forestry units 101..120");
        assertEquals(0, table().find(CCER, registry.holding(BUYER, CCER).serials().rangeStart(0)));

        // The owner holds 121..160 and 1..100 (received at the back): 121..150 forestry, 151..160 plain.
        assertEquals(0, registry.firstInadmissible(OWNER, CCER, 30, registeredFrom2024));
        assertEquals(151, registry.firstInadmissible(OWNER, CCER, 31, registeredFrom2024));
        assertEquals(0, registry.firstInadmissible(4242, CCER, 31, registeredFrom2024), "no holding: nothing taken");
        final UnitRule corsia = (attributed, type, id, vintage, registered, labels) ->
            UnitLabel.CORSIA_ELIGIBLE.isIn(labels);
        assertEquals(0, registry.firstInadmissible(BUYER, CCER, 20, corsia));
    }

    @Test
    void theTableIsInTheSnapshotAndTheHash() throws IOException
    {
        issueMixed();
        final Registry plain = new Registry(FEE, HoldingLimits.unlimited(), 4);
        assertNull(plain.openAccount(OWNER, AccountType.PROJECT_OWNER));
        assertNull(plain.openAccount(BUYER, AccountType.COMPLIANCE));
        assertNull(plain.issue(OWNER, CCER, 100));
        assertNull(plain.issue(OWNER, CCER, 50));
        assertNull(plain.issue(OWNER, CCER, 10));
        assertNull(plain.issue(OWNER, CCER, 40));
        assertNull(plain.issue(OWNER, PHCER, 10));
        assertNotEquals(plain.stateHash(), registry.stateHash(), "the same holdings, but attributes differ");

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        registry.writeSnapshot(new DataOutputStream(bytes));
        final Registry restored = new Registry(FEE, HoldingLimits.unlimited(), 4);
        restored.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(registry.stateHash(), restored.stateHash());
        assertEquals(2, restored.projectIssuances().count(CCER));
        assertEquals(FOREST_2024, restored.projectIssuances().attributes(CCER, 0));
        assertEquals(METHANE_2019, restored.projectIssuances().attributes(CCER, 1));
        assertEquals(161, restored.projectIssuances().first(CCER, 1));
        assertEquals(200, restored.projectIssuances().last(CCER, 1));
        // Issuance goes on after a restore, in order.
        assertNull(restored.issueProject(OWNER, CCER, 5, FOREST_2024));
        assertEquals(2, restored.projectIssuances().find(CCER, 205));

        final Registry used = new Registry(FEE, HoldingLimits.unlimited(), 4);
        assertNull(used.openAccount(OWNER, AccountType.PROJECT_OWNER));
        assertThrows(IllegalStateException.class,
            () -> used.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void theTableGrowsPastItsFirstCapacity()
    {
        assertNull(registry.openAccount(OWNER, AccountType.PROJECT_OWNER));
        for (int i = 0; i < 20; i++)
        {
            assertNull(registry.issueProject(OWNER, PHCER, 3, new UnitAttributes(ProjectType.HOUSEHOLD, 100 + i,
                2024, 20240101 + i, 0)));
        }
        final ProjectIssuances table = registry.projectIssuances();
        assertEquals(20, table.count(PHCER));
        for (int i = 0; i < 20; i++)
        {
            final int index = table.find(PHCER, 3L * i + 2);
            assertEquals(i, index);
            assertEquals(100 + i, table.projectId(PHCER, index));
        }
    }

    private ProjectIssuances table()
    {
        return registry.projectIssuances();
    }
}

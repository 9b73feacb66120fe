package io.carbonx.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonx.engine.core.ExchangeStateMachine;
import io.carbonx.engine.pipeline.EngineRecovery;
import io.carbonx.engine.pipeline.EngineSettings;
import io.carbonx.engine.snapshot.SnapshotStore;
import io.carbonx.server.ApiClient.Answer;
import io.carbonx.server.config.EngineSetup;
import io.carbonx.server.config.ExchangeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.carbonx.server.ApiClient.HUANENG;
import static io.carbonx.server.ApiClient.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit attributes and carbon-inclusion credits end to end through the HTTP API of a real server: project units issued
 * with attributes, moved, shown in holdings (split at issuance boundaries) and in a moved tonne's history; a surrender
 * refused for units of projects registered before the scheme's date and accepted for eligible ones; PHCER refused
 * where the scheme does not count it, counted inside the offset cap where it does, and always retirable.
 * <p>
 * The demo configuration plus PHCER (id 5, CARBON_INCLUSION); its project owner 2001 starts with CCER 1..100000
 * issued plainly.
 */
class UnitAttributesHttpTest
{
    private static final String FORESTRY = "{\"account\":2001,\"instrument\":\"CCER\",\"quantity\":1000," +
        "\"projectType\":\"FORESTRY\",\"projectId\":1234,\"vintage\":2024,\"registeredDate\":\"2024-03-01\"," +
        "\"labels\":[\"CORSIA_ELIGIBLE\",\"ARTICLE6_AUTHORISED\"]}";
    private static final String METHANE = "{\"account\":2001,\"instrument\":\"CCER\",\"quantity\":500," +
        "\"projectType\":\"METHANE\",\"projectId\":77,\"vintage\":2022,\"registeredDate\":\"2023-06-01\"}";

    @TempDir
    Path folder;

    @RegisterExtension
    final RunningExchange running = new RunningExchange();

    private ApiClient api;

    @Test
    void attributesFollowTheUnitsAndDecideWhichMaySurrender() throws Exception
    {
        start(false);

        final JsonNode issued = ok(REGULATOR, "issue-project-units", FORESTRY);
        final JsonNode project = event(issued, "ProjectUnitsIssued");
        assertEquals(100_001, project.get("firstSerial").asLong(), "after the 100000 CCER of the genesis");
        assertEquals(101_000, project.get("lastSerial").asLong());
        assertEquals("CCER", project.get("instrument").asText());
        final JsonNode forestry = project.get("attributes");
        assertEquals("FORESTRY", forestry.get("projectType").asText());
        assertEquals(1234, forestry.get("projectId").asLong());
        assertEquals(2024, forestry.get("vintage").asInt());
        assertEquals("2024-03-01", forestry.get("registeredDate").asText());
        assertEquals(List.of("ARTICLE6_AUTHORISED", "CORSIA_ELIGIBLE"), texts(forestry.get("labels")),
            "in the labels' order");
        assertEquals("ISSUE", event(issued, "SerialBlocks").get("operation").asText());
        ok(REGULATOR, "issue-project-units", METHANE);

        // 2001's oldest units are the plain ones: move them away, then 1,200 to 1001 (1,000 forestry, 200 methane).
        ok(REGULATOR, "transfer-units", transfer(2001, 3001, "CCER", 100_000));
        ok(REGULATOR, "transfer-units", transfer(2001, 1001, "CCER", 1_200));
        final JsonNode blocks = holding(1001, "CCER").get("serialBlocks");
        assertEquals(2, blocks.size(), "one range, split where the issuances meet: " + blocks);
        assertEquals(100_001, blocks.get(0).get("start").asLong());
        assertEquals(101_000, blocks.get(0).get("end").asLong());
        assertEquals(forestry, blocks.get(0).get("attributes"));
        assertEquals(101_001, blocks.get(1).get("start").asLong());
        assertEquals(101_200, blocks.get(1).get("end").asLong());
        assertEquals("METHANE", blocks.get(1).get("attributes").get("projectType").asText());
        assertEquals(List.of(), texts(blocks.get(1).get("attributes").get("labels")));
        assertTrue(holding(3001, "CCER").get("serialBlocks").get(0).get("attributes").isNull(),
            "units issued plainly have none");

        final JsonNode history = api.get(REGULATOR, "/serials/CCER/100500").json();
        assertEquals(forestry, history.get("attributes"));
        assertEquals(List.of("ISSUE", "TRANSFER"), operations(history));
        assertEquals(1001, history.get("current").get("account").asLong());
        assertTrue(api.get(REGULATOR, "/serials/CCER/5").json().get("attributes").isNull());

        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"2099-12-31\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1001,\"emissions\":100000}");
        final Answer mixed = api.post(HUANENG, "/commands/surrender-units", surrender("CCER", 1_001));
        assertEquals(422, mixed.status(), mixed.body());
        assertEquals("UNITS_NOT_ELIGIBLE", mixed.error(), "serial 101001 is of a project registered 2023-06-01");
        assertEquals(1_200, holding(1001, "CCER").get("total").asLong(), "the refused surrender changed nothing");

        final JsonNode surrendered = event(ok(HUANENG, "surrender-units", surrender("CCER", 1_000)),
            "UnitsSurrendered");
        assertEquals(1_000, surrendered.get("offsetsSurrendered").asLong());
        assertEquals("UNITS_NOT_ELIGIBLE",
            api.post(HUANENG, "/commands/surrender-units", surrender("CCER", 1)).error());
        assertEquals(List.of("ISSUE", "TRANSFER", "SURRENDER"),
            operations(api.get(REGULATOR, "/serials/CCER/100500").json()));

        // PHCER: not counted by this scheme, always retirable.
        ok(REGULATOR, "issue-project-units", household(300));
        final Answer phcer = api.post(HUANENG, "/commands/surrender-units", surrender("PHCER", 10));
        assertEquals("INSTRUMENT_NOT_ELIGIBLE", phcer.error());
        ok(HUANENG, "retire-units", "{\"account\":1001,\"instrument\":\"PHCER\",\"quantity\":10," +
            "\"beneficiary\":\"Huaneng staff\",\"reason\":\"commuting 2024\"}");
        assertEquals(290, holding(1001, "PHCER").get("total").asLong());
    }

    @Test
    void aSchemeThatCountsCarbonInclusionCreditsCountsThemInsideTheOffsetCap() throws Exception
    {
        start(true);
        ok(REGULATOR, "issue-project-units", household(100));
        ok(REGULATOR, "issue-project-units", "{\"account\":1001,\"instrument\":\"CCER\",\"quantity\":40," +
            "\"projectType\":\"RENEWABLE\",\"projectId\":5,\"vintage\":2024,\"registeredDate\":\"2024-02-01\"}");
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"2099-12-31\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1001,\"emissions\":1000}");

        ok(HUANENG, "surrender-units", surrender("CCER", 40));
        final JsonNode phcer = event(ok(HUANENG, "surrender-units", surrender("PHCER", 10)), "UnitsSurrendered");
        assertEquals("CARBON_INCLUSION", phcer.get("kind").asText());
        assertEquals(50, phcer.get("offsetsSurrendered").asLong(), "40 CCER + 10 PHCER: the 5% cap of 1,000 t");
        assertEquals(950, phcer.get("remainingObligation").asLong());
        assertEquals("OFFSET_CAP_EXCEEDED",
            api.post(HUANENG, "/commands/surrender-units", surrender("PHCER", 1)).error());
        ok(HUANENG, "retire-units", "{\"account\":1001,\"instrument\":\"PHCER\",\"quantity\":5," +
            "\"beneficiary\":\"Huaneng staff\",\"reason\":\"voluntary\"}");
        assertEquals(85, holding(1001, "PHCER").get("total").asLong());
    }

    @Test
    void theAttributesSurviveARestartFromASnapshot() throws Exception
    {
        final ExchangeConfig config = start(false);
        ok(REGULATOR, "issue-project-units", METHANE.replace("2001", "1001"));
        ok(REGULATOR, "open-compliance-year", "{\"year\":2025,\"deadline\":\"2099-12-31\"}");
        ok(REGULATOR, "record-emissions", "{\"year\":2025,\"account\":1001,\"emissions\":100000}");
        running.stop();

        // the engine restarts from a snapshot written after the issue; the read replica replays the journal
        final Path data = folder.resolve("data");
        final EngineSettings engineSettings = EngineSettings.builder()
            .journalDirectory(data.resolve("journal"))
            .snapshotDirectory(data.resolve("snapshots"))
            .build();
        final ExchangeStateMachine machine = new ExchangeStateMachine(new EngineSetup(config).settings());
        EngineRecovery.recover(engineSettings, machine);
        assertEquals(1, machine.registry().projectIssuances().count(3), "CCER's one project issuance");
        new SnapshotStore(engineSettings.snapshotDirectory(), engineSettings.snapshotsToKeep()).write(machine);
        api = running.start(folder, config).api();

        assertEquals("METHANE",
            holding(1001, "CCER").get("serialBlocks").get(0).get("attributes").get("projectType").asText());
        assertEquals("UNITS_NOT_ELIGIBLE",
            api.post(HUANENG, "/commands/surrender-units", surrender("CCER", 1)).error(),
            "registered 2023-06-01: the restored engine still knows");
        final JsonNode next = event(ok(REGULATOR, "issue-project-units", FORESTRY.replace("2001", "1001")),
            "ProjectUnitsIssued");
        assertEquals(100_501, next.get("firstSerial").asLong(), "serials go on after the restored table");
    }

    @Test
    void projectIssuesAreValidatedStrictly() throws Exception
    {
        start(false);
        assertBadRequest(FORESTRY.replace("FORESTRY", "WIND"), "field 'projectType'");
        assertBadRequest(FORESTRY.replace("2024-03-01", "2024-02-30"), "field 'registeredDate'");
        assertBadRequest(FORESTRY.replace("CORSIA_ELIGIBLE", "GOLD"), "field 'labels'");
        assertBadRequest(FORESTRY.replace("\"ARTICLE6_AUTHORISED\"", "\"CORSIA_ELIGIBLE\""), "field 'labels'");
        assertBadRequest(FORESTRY.replace("\"labels\":[", "\"labels\":[1,"), "field 'labels[0]'");
        assertBadRequest(FORESTRY.replace("1234", "0"), "field 'projectId'");
        assertBadRequest(FORESTRY.replace("\"vintage\":2024", "\"vintage\":\"2024\""), "field 'vintage'");
        assertBadRequest(METHANE.replace(",\"projectId\":77", ""), "field 'projectId'");
        assertBadRequest(METHANE.replace("}", ",\"colour\":\"green\"}"), "colour");
        final Answer enterprise = api.post(HUANENG, "/commands/issue-project-units", METHANE);
        assertEquals(403, enterprise.status(), enterprise.body());
        assertEquals(100_000, holding(2001, "CCER").get("total").asLong(), "nothing was issued");
    }

    private void assertBadRequest(final String body, final String field) throws Exception
    {
        final Answer answer = api.post(REGULATOR, "/commands/issue-project-units", body);
        assertEquals(400, answer.status(), body + ": " + answer.body());
        assertTrue(answer.error().contains(field), answer.error());
    }

    private ExchangeConfig start(final boolean inclusionEligible) throws Exception
    {
        final ExchangeConfig demo = TestExchange.demo(folder, true);
        final ExchangeConfig.SchemeConfig scheme = demo.scheme();
        final ExchangeConfig.ComplianceConfig compliance = new ExchangeConfig.ComplianceConfig(null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, inclusionEligible,
            "2024-01-22", null);
        final ExchangeConfig.SchemeConfig changed = new ExchangeConfig.SchemeConfig(scheme.name(),
            scheme.feeAccount(), scheme.buyerFee(), scheme.sellerFee(), scheme.holdingLimits(),
            scheme.blockThreshold(), scheme.blockPriceBandBps(), scheme.blockTradesInClose(), scheme.preset(),
            compliance);
        final List<ExchangeConfig.InstrumentConfig> instruments = new ArrayList<>(demo.instruments());
        instruments.add(new ExchangeConfig.InstrumentConfig(5, "PHCER", "CARBON_INCLUSION", 0, "0.01", 1, 1, 99_999,
            1_000, "30.00", null));
        final ExchangeConfig config = new ExchangeConfig(demo.server(), changed, instruments, demo.accounts(),
            demo.sessions(), demo.apiUsers()).validate();
        api = running.start(folder, config).api();
        return config;
    }

    private JsonNode ok(final String token, final String command, final String body) throws Exception
    {
        final Answer answer = api.post(token, "/commands/" + command, body);
        assertEquals(200, answer.status(), command + " " + body + ": " + answer.body());
        return answer.json();
    }

    private JsonNode holding(final long account, final String instrument) throws Exception
    {
        for (final JsonNode holding : api.get(REGULATOR, "/accounts/" + account + "/holdings").json().get("holdings"))
        {
            if (holding.get("instrument").asText().equals(instrument))
            {
                return holding;
            }
        }
        throw new AssertionError("no " + instrument + " holding in " + account);
    }

    private static JsonNode event(final JsonNode answer, final String type)
    {
        for (final JsonNode event : answer.get("events"))
        {
            if (event.get("type").asText().equals(type))
            {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + answer);
    }

    private static List<String> operations(final JsonNode history)
    {
        final List<String> operations = new ArrayList<>();
        for (final JsonNode movement : history.get("movements"))
        {
            operations.add(movement.get("operation").asText());
        }
        return operations;
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String household(final long quantity)
    {
        return "{\"account\":1001,\"instrument\":\"PHCER\",\"quantity\":" + quantity + ",\"projectType\":" +
            "\"HOUSEHOLD\",\"projectId\":900,\"vintage\":2024,\"registeredDate\":\"2024-05-01\"}";
    }

    private static String transfer(final long from, final long to, final String instrument, final long quantity)
    {
        return "{\"fromAccount\":" + from + ",\"toAccount\":" + to + ",\"instrument\":\"" + instrument +
            "\",\"quantity\":" + quantity + "}";
    }

    private static String surrender(final String instrument, final long quantity)
    {
        return "{\"year\":2025,\"account\":1001,\"instrument\":\"" + instrument + "\",\"quantity\":" + quantity + "}";
    }
}

package io.carbonx.engine.pipeline;

import io.carbonx.protocol.sbe.MessageHeaderEncoder;
import io.carbonx.protocol.sbe.RetireUnitsEncoder;
import io.carbonx.protocol.sbe.VarAsciiEncodingEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSlotTest
{
    @Test
    void largestCommandOfTheSchemaFitsASlot()
    {
        final String longest = "x".repeat(VarAsciiEncodingEncoder.lengthMaxValue());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final RetireUnitsEncoder retire = new RetireUnitsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .beneficiary(longest)
            .reason(longest);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + retire.encodedLength();

        assertTrue(length <= EnginePipeline.MAX_COMMAND_LENGTH, length + " > " + EnginePipeline.MAX_COMMAND_LENGTH);
    }
}

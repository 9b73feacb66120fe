package io.carbonx.engine.journal;

import io.carbonx.protocol.sbe.MessageHeaderDecoder;

import java.nio.file.Path;

/**
 * Refuses a journal whose commands were encoded with another version of the SBE schema: the layout of every message
 * changed with version 3 (the envelopes in front), so replaying an older journal would misread every field.
 */
public final class JournalSchema
{
    private JournalSchema()
    {
    }

    /**
     * Check the journal's first command (all commands of one journal share a version: a build refuses to start on a
     * journal of another).
     *
     * @throws IllegalStateException naming both versions, when the first command is of this schema but not of this
     *                               version.
     */
    public static void requireCurrentVersion(final JournalReader reader, final Path directory)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        reader.readFirst((sequence, buffer, offset, length) ->
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                return;
            }
            header.wrap(buffer, offset);
            if (header.schemaId() == MessageHeaderDecoder.SCHEMA_ID &&
                header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
            {
                throw new IllegalStateException("journal " + directory + " was written with schema version " +
                    header.version() + " but this build reads schema version " + MessageHeaderDecoder.SCHEMA_VERSION +
                    ": start on an empty data folder, or with the release that wrote it");
            }
        });
    }
}

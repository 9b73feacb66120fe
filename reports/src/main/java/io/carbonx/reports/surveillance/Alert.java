package io.carbonx.reports.surveillance;

import java.util.List;
import java.util.Objects;

/**
 * One surveillance alert: which command's events raised it, when (the command's timestamp), what rule, on which
 * instrument and accounts, in words for a person and in the figures that triggered it.
 *
 * @param sequence     the journal sequence of the command whose events raised it.
 * @param time         the command's timestamp, epoch nanoseconds.
 * @param kind         the rule.
 * @param instrumentId the instrument's engine id.
 * @param instrument   its symbol.
 * @param accounts     the accounts concerned, in the order the detail names them.
 * @param brokerId     the broker the accounts share, or 0 when none is concerned.
 * @param detail       a sentence saying what happened.
 * @param figures      the numbers the rule compared, in a fixed order per kind.
 */
public record Alert(
    long sequence,
    long time,
    AlertKind kind,
    int instrumentId,
    String instrument,
    List<Long> accounts,
    int brokerId,
    String detail,
    List<Figure> figures)
{
    public Alert
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(detail, "detail");
        accounts = List.copyOf(accounts);
        figures = List.copyOf(figures);
    }

    /**
     * @return the figure of this name.
     * @throws IllegalArgumentException when the alert has none.
     */
    public long figure(final String name)
    {
        for (final Figure figure : figures)
        {
            if (figure.name().equals(name))
            {
                return figure.value();
            }
        }
        throw new IllegalArgumentException(kind + " alert has no figure '" + name + "': " + figures);
    }
}

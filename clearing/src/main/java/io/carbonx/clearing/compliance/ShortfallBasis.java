package io.carbonx.clearing.compliance;

/**
 * Which tonnes a consequence of the close is measured on: those not surrendered by the deadline, or those still not
 * surrendered at the close (a surrender after the deadline and before the close then avoids it).
 */
public enum ShortfallBasis
{
    /** The obligation less what was surrendered by the deadline (EU Art. 16(3), CJEU C-203/12 Billerud). */
    DEADLINE,
    /** The obligation less everything surrendered before the close. */
    CLOSE
}

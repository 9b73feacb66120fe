package io.carbonx.clearing.compliance;

import java.util.List;

/**
 * The compliance desk as code outside the core sees it: queries only. The {@link ComplianceDesk} itself is changed by
 * the business-logic thread alone, through commands.
 */
public interface ComplianceView
{
    ComplianceRules rules();

    /**
     * @return the reference price a market-price fine of a year with this deadline uses.
     */
    long referencePrice(long deadline);

    /**
     * @return the year, or null if nothing happened in it.
     */
    ComplianceYear year(int year);

    /**
     * @return every year opened, oldest first; a read-only view.
     */
    List<ComplianceYear> years();

    /**
     * @return a digest of the desk's whole state. Walks and allocates: not for the hot path.
     */
    long stateHash();
}

package io.carbonx.registry;

import io.carbonx.protocol.sbe.ProjectType;

/**
 * The attributes of units issued for a project, fixed at issuance and kept with their serial numbers
 * ({@link ProjectIssuances}).
 *
 * @param projectType    the kind of project.
 * @param projectId      the project's registration number, positive.
 * @param vintage        the year of the reductions, 1..9999.
 * @param registeredDate the date the project was registered, yyyymmdd.
 * @param labels         {@link UnitLabel} bits.
 */
public record UnitAttributes(ProjectType projectType, long projectId, int vintage, int registeredDate, int labels)
{
    /**
     * @return true if every field is in range: a project type, a positive project id, a vintage 1..9999, a real
     * calendar date and only known labels.
     */
    public boolean isValid()
    {
        return projectType != null && projectType != ProjectType.NULL_VAL && projectId > 0 && vintage >= 1 &&
            vintage <= 9_999 && isDate(registeredDate) && (labels & ~UnitLabel.ALL_BITS) == 0;
    }

    /**
     * @return true if the label is set.
     */
    public boolean has(final UnitLabel label)
    {
        return label.isIn(labels);
    }

    /**
     * @return true for a yyyymmdd value that is a day of the proleptic Gregorian calendar, years 1..9999.
     */
    public static boolean isDate(final int yyyymmdd)
    {
        final int year = yyyymmdd / 10_000;
        final int month = yyyymmdd / 100 % 100;
        final int day = yyyymmdd % 100;
        if (year < 1 || year > 9_999 || month < 1 || month > 12 || day < 1)
        {
            return false;
        }
        final boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        final int days = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ?
            30 : 31;
        return day <= days;
    }
}

/**
 * The compliance cycle: a scheme's {@link io.carbonx.clearing.compliance.ComplianceRules} (with the
 * {@link io.carbonx.clearing.compliance.SchemePreset presets} CHINA_NATIONAL, EU_ETS and CALIFORNIA), and the
 * {@link io.carbonx.clearing.compliance.ComplianceDesk} that opens compliance years, allocates allowances, records
 * verified emissions, takes surrenders and closes years with an assessment and penalty per covered enterprise.
 */
package io.carbonx.clearing.compliance;

/**
 * Faultline as Micrometer meters: {@link dev.faultline.micrometer.FaultlineMetrics}. Uses only
 * the API that faultline-core exports.
 */
package dev.faultline.micrometer;

/**
 * Monitoring and detection: what devices do, measured against what attacks and compromise look like
 * (scanning, brute force, command and control, denial of service, exfiltration and tunnels, lateral
 * movement) and against each device's own learnt behaviour (profiles and a streaming anomaly model).
 * Thresholds live in one documented file, {@code detection/detection.properties}. Every detector marks
 * the flows that are its evidence, so {@code vigil eval} can score it flow by flow.
 */
package dev.vigil.detect.behavior;

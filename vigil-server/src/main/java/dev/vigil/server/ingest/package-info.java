/**
 * Continuous ingestion. Each source (capture files and directories of rotating captures, a pcap stream
 * on stdin, a live interface through libpcap, NetFlow v5/v9 and IPFIX over UDP, tailed Zeek logs)
 * feeds its own analysis, cut into windows of packet time; each window's inventory, findings, alerts,
 * trust and the source's position are committed in one transaction, so a restart resumes where the
 * last commit left off and nothing is counted twice. Queues are bounded; what a full queue or the
 * kernel drops is counted.
 */
package dev.vigil.server.ingest;

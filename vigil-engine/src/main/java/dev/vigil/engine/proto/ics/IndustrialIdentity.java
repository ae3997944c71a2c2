package dev.vigil.engine.proto.ics;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * What an industrial or building-automation device said of itself in one reply; every field is
 * null when this reply did not carry it, so one device's identity may take several events
 * (S7comm answers its module list and its component list separately).
 *
 * @param ts packet time
 * @param flow the flow of the reply
 * @param fromClient whether the flow's client sent the reply (a UDP reply or an I-Am can open its
 *     flow); the identity is the sender's
 * @param protocol "modbus", "enip", "s7comm" or "bacnet"
 * @param vendor the vendor's name as the device states it (Modbus VendorName, BACnet vendor-name,
 *     "Siemens" from an S7 copyright record), or null
 * @param vendorId the registry number of the vendor (ODVA for EtherNet/IP, ASHRAE for BACnet), or null
 * @param deviceType the device profile by name (EtherNet/IP: "Programmable Logic Controller",
 *     "Communications Adapter", …), or null
 * @param product product name ("1756-L61/B LOGIX5561", "CPU 315-2 PN/DP", "Modicon M340")
 * @param model order number or model code ("6ES7 315-2EH14-0AB0", "BMX P34 2020")
 * @param firmware firmware revision as stated ("20.11", "V3.2.6", "v2.7")
 * @param serial serial number as stated
 * @param name the station's own name (an S7 station name, a BACnet object name)
 */
public record IndustrialIdentity(long ts, FlowMeta flow, boolean fromClient, String protocol, String vendor,
        Integer vendorId, String deviceType, String product, String model, String firmware, String serial, String name)
        implements FlowEvent {

    @Override
    public String kind() {
        return "ics.identity";
    }
}

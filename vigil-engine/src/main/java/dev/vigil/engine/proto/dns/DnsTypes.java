package dev.vigil.engine.proto.dns;

/** Record type names (IANA DNS parameters registry). */
public final class DnsTypes {

    private DnsTypes() {
    }

    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int NULL = 10;
    public static final int PTR = 12;
    public static final int HINFO = 13;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int NAPTR = 35;
    public static final int OPT = 41;
    public static final int DS = 43;
    public static final int RRSIG = 46;
    public static final int NSEC = 47;
    public static final int DNSKEY = 48;
    public static final int SVCB = 64;
    public static final int HTTPS = 65;
    public static final int ANY = 255;

    public static String name(int type) {
        return switch (type) {
            case A -> "A";
            case NS -> "NS";
            case CNAME -> "CNAME";
            case SOA -> "SOA";
            case NULL -> "NULL";
            case PTR -> "PTR";
            case HINFO -> "HINFO";
            case MX -> "MX";
            case TXT -> "TXT";
            case AAAA -> "AAAA";
            case SRV -> "SRV";
            case NAPTR -> "NAPTR";
            case OPT -> "OPT";
            case DS -> "DS";
            case RRSIG -> "RRSIG";
            case NSEC -> "NSEC";
            case DNSKEY -> "DNSKEY";
            case SVCB -> "SVCB";
            case HTTPS -> "HTTPS";
            case 99 -> "SPF";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case ANY -> "ANY";
            default -> "TYPE" + type;
        };
    }

    /** Types a real resolver or mDNS responder asks for; used to vet a question on an unexpected port. */
    public static boolean common(int type) {
        return (type >= 1 && type <= 16) || type == AAAA || type == SRV || type == NAPTR || type == OPT
                || (type >= 43 && type <= 52) || type == SVCB || type == HTTPS || type == 99 || type >= 250 && type <= 255;
    }
}

#!/usr/bin/env python3
"""Re-times a recorded capture, for the lab scripts (scripts/record-netns-*.sh) whose behaviour
spans hours in reality: packet bytes stay as recorded, only their times move.

  pcap-retime.py IN OUT PHASES

PHASES has one line per phase, "START END FACTOR" (packet times, seconds since the epoch): time
inside a phase runs FACTOR times slower, so a heartbeat recorded every 0.5 s in a phase of factor 120
is one every 60 s in OUT, and everything after the phase moves later by (END - START) x (FACTOR - 1).
Time outside every phase (handshakes, retries, timeouts the kernel keeps) is left as it was. Phases
must not overlap. Reads and writes classic pcap (microsecond or nanosecond), nothing else.
"""
import struct
import sys


def phases(path):
    out = []
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                a, b, k = line.split()
                out.append((float(a), float(b), float(k)))
    out.sort()
    for (a1, b1, _), (a2, _, _) in zip(out, out[1:]):
        if a2 < b1:
            sys.exit("pcap-retime: phases overlap at %.6f" % a2)
    return out


def retimed(t, ph):
    shift = 0.0
    for a, b, k in ph:
        if t >= b:
            shift += (b - a) * (k - 1)
        elif t > a:
            shift += (t - a) * (k - 1)
    return t + shift


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    ph = phases(sys.argv[3])
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        sys.exit("pcap-retime: %s is not a classic pcap file" % sys.argv[1])
    unit = 1e9 if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 1e6
    out = bytearray(data[:24])
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack(endian + "IIII", data[off:off + 16])
        t = retimed(sec + frac / unit, ph)
        s = int(t)
        fr = int(round((t - s) * unit))
        if fr >= unit:
            s, fr = s + 1, fr - int(unit)
        out += struct.pack(endian + "IIII", s, fr, incl, orig)
        out += data[off + 16:off + 16 + incl]
        off += 16 + incl
    with open(sys.argv[2], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()

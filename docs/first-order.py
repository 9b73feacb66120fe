#!/usr/bin/env python3
"""Send one FIX 4.4 limit order to a CarbonX demo server and print what comes back.

Python 3 standard library only: Logon (with ResetSeqNumFlag=Y, so it can run again and again), one NewOrderSingle,
every ExecutionReport for it until the order is done or nothing more comes for a second, then Logout.

    python3 docs/first-order.py CITIC 3001 buy CEA-2025 100 92.00
"""
import argparse
import socket
import time
from datetime import datetime, timezone

SOH = "\x01"
TYPES = {"8": "ExecutionReport", "3": "Reject", "j": "BusinessMessageReject", "5": "Logout"}
SHOWN = [("150", "ExecType"), ("39", "OrdStatus"), ("17", "ExecID"), ("11", "ClOrdID"), ("55", "Symbol"),
         ("54", "Side"), ("38", "OrderQty"), ("44", "Price"), ("32", "LastQty"), ("31", "LastPx"), ("14", "CumQty"),
         ("151", "LeavesQty"), ("12", "Commission"), ("527", "SecondaryExecID"), ("103", "OrdRejReason"),
         ("58", "Text")]


def frame(msg_type, sender, seq, fields):
    now = datetime.now(timezone.utc).strftime("%Y%m%d-%H:%M:%S.%f")[:-3]
    body = [("35", msg_type), ("49", sender), ("56", "CARBONX"), ("34", str(seq)), ("52", now)] + fields
    text = "".join(f"{tag}={value}{SOH}" for tag, value in body)
    head = f"8=FIX.4.4{SOH}9={len(text)}{SOH}"
    checksum = sum((head + text).encode("ascii")) % 256
    return (head + text + f"10={checksum:03d}{SOH}").encode("ascii")


def messages(sock):
    pending = b""
    while True:
        end = pending.find(b"\x0110=")
        if end >= 0 and len(pending) >= end + 8:
            message, pending = pending[:end + 8], pending[end + 8:]
            yield dict(field.split("=", 1) for field in message.decode("ascii").split(SOH) if field)
        else:
            chunk = sock.recv(4096)
            if not chunk:
                return
            pending += chunk


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sender", help="SenderCompID, e.g. CITIC or BROKER1")
    parser.add_argument("account", help="registry account the session may trade, e.g. 3001")
    parser.add_argument("side", choices=["buy", "sell"])
    parser.add_argument("symbol", help="e.g. CEA-2025")
    parser.add_argument("quantity", help="whole tonnes")
    parser.add_argument("price", help="decimal, e.g. 92.00")
    parser.add_argument("--port", type=int, default=9880)
    args = parser.parse_args()

    cl_ord_id = f"{args.sender}-{int(time.time() * 1000)}"
    with socket.create_connection(("127.0.0.1", args.port), timeout=5) as sock:
        received = messages(sock)
        sock.sendall(frame("A", args.sender, 1, [("98", "0"), ("108", "30"), ("141", "Y")]))
        logon = next(received, {"35": "closed"})
        if logon["35"] != "A":
            raise SystemExit(f"logon refused: {logon.get('58', 'the exchange closed the connection')}")
        sock.sendall(frame("D", args.sender, 2, [
            ("11", cl_ord_id), ("1", args.account), ("55", args.symbol), ("54", "1" if args.side == "buy" else "2"),
            ("60", datetime.now(timezone.utc).strftime("%Y%m%d-%H:%M:%S")), ("38", args.quantity), ("40", "2"),
            ("44", args.price), ("59", "0")]))
        sock.settimeout(1)
        try:
            for message in received:
                if message["35"] in ("0", "1"):
                    continue
                shown = [f"{name}={message[tag]}" for tag, name in SHOWN if tag in message]
                print(" ".join([TYPES.get(message["35"], "MsgType=" + message["35"])] + shown))
                done = message.get("11") == cl_ord_id and message.get("39") in ("2", "4", "8", "C")
                if message["35"] != "8" or done:
                    break
        except socket.timeout:
            pass
        sock.settimeout(5)
        sock.sendall(frame("5", args.sender, 3, []))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Boot a copy of the Chapp-E disk image in QEMU+OVMF and judge the run.

Every integration test is one call of this script: it copies the image,
appends lines to BOOT.CFG (that is how a test tells the kernel what to run),
optionally damages the kernel file (or, between two boots of the same disk,
its filesystem: --between-boots), boots, streams the serial console, and
passes only when every expected line appeared in order, no unexpected
`PANIC:` line did, and QEMU left with the expected exit status
(isa-debug-exit: status = (value << 1) | 1; the kernel's pass value 0 gives 1).
"""
import argparse
import json
import os
import random
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ESP_OFFSET = 1 << 20  # tools/mkimage.sh puts the ESP at sector 2048
OVMF_DIR = "/usr/share/OVMF"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")
BANNER = re.compile(r"Chapp-E \S+ x86-64 microkernel booting")
PANIC = re.compile(r"^PANIC:", re.M)


def esp(path):
    return f"{path}@@{ESP_OFFSET}"


def mtools(*args):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)


def append_config(disk, lines, tmp):
    cfg = os.path.join(tmp, "boot.cfg")
    mtools("mcopy", "-n", "-i", esp(disk), "::/CHAPPE/BOOT.CFG", cfg)
    with open(cfg, "a") as f:
        f.writelines(line + "\n" for line in lines)
    mtools("mcopy", "-o", "-i", esp(disk), cfg, "::/CHAPPE/BOOT.CFG")


def loadable_end(elf):
    """File offset where the last PT_LOAD segment's bytes end."""
    phoff = int.from_bytes(elf[32:40], "little")
    phnum = int.from_bytes(elf[56:58], "little")
    end = 0
    for i in range(phnum):
        ph = elf[phoff + 56 * i : phoff + 56 * (i + 1)]
        if int.from_bytes(ph[0:4], "little") == 1:
            end = max(end, int.from_bytes(ph[8:16], "little") + int.from_bytes(ph[32:40], "little"))
    return end


def corrupt_kernel(disk, mode, tmp):
    """Damage KERNEL.ELF the way a bad copy or a bad build would."""
    if mode == "missing":
        mtools("mdel", "-i", esp(disk), "::/CHAPPE/KERNEL.ELF")
        return
    path = os.path.join(tmp, "kernel.elf")
    mtools("mcopy", "-n", "-i", esp(disk), "::/CHAPPE/KERNEL.ELF", path)
    data = bytearray(open(path, "rb").read())
    if mode == "magic":
        data[1] ^= 0xFF
    elif mode == "truncated":
        data = data[: loadable_end(data) // 2]
    elif mode == "machine":
        data[18:20] = (3).to_bytes(2, "little")  # EM_386
    elif mode == "segment":
        # First program header's p_offset far past the end of the file.
        phoff = int.from_bytes(data[32:40], "little")
        data[phoff + 8 : phoff + 16] = (1 << 40).to_bytes(8, "little")
    else:
        sys.exit(f"runner: unknown corruption {mode}")
    open(path, "wb").write(data)
    mtools("mcopy", "-o", "-i", esp(disk), path, "::/CHAPPE/KERNEL.ELF")


def reset_options(args):
    """A reset ends QEMU (status 0, as a power off does) unless the test
    lets the machine boot again (--allow-reset) to see that it was one."""
    return [] if args.allow_reset else ["-no-reboot"]


def host_cache(args):
    """Under -icount (sleep=off) the virtual clock jumps over the time the
    guest is idle, to its next timer: a host fdatasync that takes 100 ms
    of real time under load is then seconds of virtual time, past a
    driver's 5 s command deadline. The bench's disk runs (the only
    -icount runs) so take the host's page cache for stable media, as
    tools/bench/linux/run.sh does for Linux's disk (docs/bench.md)."""
    return ",cache=unsafe" if args.icount else ""


def qemu_command(args, disk, vars_fd):
    cmd = ["qemu-system-x86_64", "-machine", ",".join(["q35"] + args.machine), "-cpu", args.cpu, "-m", args.memory,
           *reset_options(args), "-nic", "none",
           "-drive", f"if=pflash,format=raw,readonly=on,file={OVMF_DIR}/OVMF_CODE_4M.fd",
           "-drive", f"if=pflash,format=raw,file={vars_fd}",
           *(log_writes_drive(args, "boot", disk, "boot") or
             ["-drive", f"if=none,id=boot,format=raw,file={disk}{host_cache(args)}"]),
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if uses_xhci(args):
        cmd += ["-device", "qemu-xhci,id=xhci"]
    if uses_qmp(args):
        cmd += ["-qmp", f"unix:{os.path.dirname(disk)}/qmp.sock,server=on,wait=off"]
    if args.usb:
        cmd += ["-device", "usb-storage,bus=xhci.0,drive=boot,bootindex=0"]
    elif args.boot_nvme:
        cmd += ["-device", "nvme,drive=boot,serial=chappe-boot,bootindex=0"]
    else:
        cmd += ["-device", "ide-hd,drive=boot,bootindex=0"]
    for dev in args.device:
        cmd += ["-device", dev]
    cmd += usb_device_options(args, os.path.dirname(disk))
    cmd += scratch_disk_options(args, os.path.dirname(disk))
    if args.plugin:
        cmd += ["-plugin", args.plugin]
    rtc = [f"base={args.rtc_base}"] if args.rtc_base else []
    if args.icount:
        # The CMOS clock on the virtual clock too: its interrupts then come
        # after as many instructions every run.
        cmd += ["-icount", "shift=0,sleep=off"]
        rtc.append("clock=vm")
    if rtc:
        cmd += ["-rtc", ",".join(rtc)]
    if args.interactive:
        graphic = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        cmd += ["-serial", "mon:stdio", "-display", "gtk" if graphic else "none"]
    else:
        cmd += ["-serial", "stdio", "-display", "none", "-monitor",
                f"unix:{os.path.dirname(disk)}/monitor.sock,server=on,wait=off"]
    return cmd


def usb_devices(args):
    """The USB devices of --usb-hub and --usb-keyboard, in the order QEMU
    must create them (a hub before what is behind it), as id → (driver,
    properties): what -device gets at start and QMP's device_add again
    (--usb-replug)."""
    devices = {}
    for path in getattr(args, "usb_hub", []):
        devices["hub" + path.replace(".", "_")] = ("usb-hub", {"bus": "xhci.0", "port": path})
    if args.usb_keyboard:
        port = getattr(args, "usb_keyboard_port", None)
        devices["usbkbd"] = ("usb-kbd", dict({"bus": "xhci.0"}, **({"port": port} if port else {}),
                                             display="vga0"))
    return devices


def usb_device_options(args, tmp):
    """--usb-keyboard: QEMU's usb-kbd (id usbkbd) on the xHCI controller,
    the one the boot stick is on with --usb, else a qemu-xhci of its own;
    --usb-keyboard-port PATH puts it on that port (3, or 1.2 behind the hub
    on port 1), --usb-hub PATH a usb-hub there (id hub1, hub1_2 for 1.2).
    The keyboard is bound to the display (a VGA with an id), so the
    monitor's sendkey (--key, bound to no display) still reaches the PS/2
    keyboard and QMP's input-send-event for that display (--usb-key,
    --usb-type) the USB one."""
    devices = usb_devices(args)
    if not devices:
        return []
    cmd = ["-vga", "none", "-device", "VGA,id=vga0"] if args.usb_keyboard else []
    for dev_id, (driver, props) in devices.items():
        cmd += ["-device", ",".join([driver] + [f"{k}={v}" for k, v in props.items()] + [f"id={dev_id}"])]
    return cmd


def uses_xhci(args):
    """One qemu-xhci for the boot stick (--usb), the USB keyboard and hubs
    and the USB scratch disks (--disk usb:SIZE)."""
    return args.usb or bool(usb_devices(args)) or any(scratch_disk(d)[0] == "usb" for d in args.disk)


def uses_qmp(args):
    """A QMP socket for the USB keyboard's keys, --usb-unplug, --usb-replug
    and --unplug."""
    inputs = getattr(args, "inputs", []) + getattr(args, "reboot_inputs", [])  # tools build args of their own
    return bool(usb_devices(args)) or any(kind in ("unplug", "qmp") for kind, _ in inputs)


class Qmp:
    """QEMU's machine protocol on a Unix socket, for input-send-event."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("r")
        self.file.readline()  # the greeting
        self.execute("qmp_capabilities")

    def execute(self, name, **arguments):
        """The command's return value; None once QEMU has gone (a test's
        last key may end it before that key is released)."""
        try:
            self.sock.sendall(json.dumps({"execute": name, "arguments": arguments}).encode() + b"\n")
            for line in self.file:
                reply = json.loads(line)
                if "error" in reply:
                    sys.exit(f"runner: QMP {name}: {reply['error']}")
                if "return" in reply:
                    return reply["return"]
        except OSError:
            return None
        return None


USB_QMP = {}


def qmp_of(tmp):
    if tmp not in USB_QMP:
        USB_QMP[tmp] = Qmp(os.path.join(tmp, "qmp.sock"))
    return USB_QMP[tmp]


def usb_press(tmp, keys):
    """Press KEYS (sendkey names: shift-a, ret, x@1500 held 1.5 s; held
    50 ms otherwise, far below any repeat delay; x@down pressed and left
    held, x@up released) on the USB keyboard, one after another."""
    qmp = qmp_of(tmp)
    for key in keys.split():
        name, _, hold = key.partition("@")
        parts = name.split("-")
        if hold != "up":
            qmp.execute("input-send-event", device="vga0", events=[key_event(k, True) for k in parts])
        if hold == "down":
            continue
        time.sleep(int(hold) / 1000 if hold.isdigit() else 0.05)
        qmp.execute("input-send-event", device="vga0", events=[key_event(k, False) for k in reversed(parts)])
        time.sleep(0.01)


def key_event(qcode, down):
    return {"type": "key", "data": {"down": down, "key": {"type": "qcode", "data": qcode}}}


# Characters as QEMU sendkey names (US layout): --usb-type's text.
SENDKEY_NAMES = {" ": "spc", "\n": "ret", "\r": "ret", "\t": "tab", "\b": "backspace", "\x7f": "backspace",
                 "\x1b": "esc", "-": "minus", "=": "equal", "[": "bracket_left", "]": "bracket_right",
                 "\\": "backslash", ";": "semicolon", "'": "apostrophe", "`": "grave_accent",
                 ",": "comma", ".": "dot", "/": "slash"}
SENDKEY_SHIFTED = dict(zip('!@#$%^&*()_+{}|:"~<>?', "1 2 3 4 5 6 7 8 9 0 minus equal bracket_left "
                           "bracket_right backslash semicolon apostrophe grave_accent comma dot slash".split()))


def sendkey_names(text):
    """TEXT (backslash escapes allowed) as the sendkey presses that type it;
    a control character c as ctrl-c."""
    keys = []
    for c in text.encode().decode("unicode_escape"):
        if c.isascii() and (c.islower() or c.isdigit()):
            keys.append(c)
        elif c.isascii() and c.isupper():
            keys.append("shift-" + c.lower())
        elif c in SENDKEY_NAMES:
            keys.append(SENDKEY_NAMES[c])
        elif c in SENDKEY_SHIFTED:
            keys.append("shift-" + SENDKEY_SHIFTED[c])
        elif ord(c) < 0x20:
            keys.append("ctrl-" + chr(ord(c) + 0x60))
        else:
            sys.exit(f"runner: --usb-type: no key types {c!r}")
    return " ".join(keys)


class UsbInput(argparse.Action):
    """--usb-key REGEX=>KEYS, --usb-type REGEX=>TEXT (as keys), in the one
    list of inputs."""

    def __call__(self, parser, namespace, value, option_string=None):
        trigger, text = value.split("=>", 1)
        keys = sendkey_names(text) if option_string == "--usb-type" else text
        getattr(namespace, self.dest).append(("usb", trigger + "=>" + keys))


class UsbPlug(argparse.Action):
    """--usb-unplug REGEX[=>ID], --usb-replug REGEX[=>ID]: QMP device_del,
    or device_add as at start, of the USB device ID (usbkbd, hub1, ...) in
    the one list of inputs."""

    def __call__(self, parser, namespace, value, option_string=None):
        trigger, _, dev_id = value.partition("=>")
        how = "del" if option_string == "--usb-unplug" else "add"
        getattr(namespace, self.dest).append(("qmp", f"{trigger}=>{how}:{dev_id or 'usbkbd'}"))


def usb_plug(args, tmp, spec):
    """del:ID or add:ID (the device as --usb-hub / --usb-keyboard made it)."""
    how, dev_id = spec.split(":", 1)
    if how == "del":
        qmp_of(tmp).execute("device_del", id=dev_id)
        return
    driver, props = usb_devices(args)[dev_id]
    qmp_of(tmp).execute("device_add", driver=driver, id=dev_id, **props)


class Unplug(argparse.Action):
    """--unplug REGEX=>ID: QMP's device_del of device ID, in the one list
    of inputs."""

    def __call__(self, parser, namespace, value, option_string=None):
        getattr(namespace, self.dest).append(("unplug", value))


def add_usb_keyboard_options(p):
    p.add_argument("--usb-hub", action="append", default=[], metavar="PATH",
                   help="a usb-hub on the xHCI port PATH (1; 1.2 for port 2 of the hub on port 1), "
                        "id hubPATH with _ for ., before the keyboard")
    p.add_argument("--usb-keyboard-port", metavar="PATH",
                   help="the USB keyboard on that port (behind a --usb-hub: 1.1)")
    p.add_argument("--usb-unplug", action=UsbPlug, dest="inputs", metavar="REGEX[=>ID]",
                   help="once REGEX is printed after the previous input, unplug the USB device ID "
                        "(QMP device_del; default usbkbd, the keyboard)")
    p.add_argument("--usb-replug", action=UsbPlug, dest="inputs", metavar="REGEX[=>ID]",
                   help="plug ID back in (QMP device_add, as it was at start)")
    p.add_argument("--usb-keyboard", action="store_true",
                   help="a USB keyboard (usb-kbd) on xHCI, typed on by --usb-key and --usb-type "
                        "(--key stays the PS/2 keyboard's)")
    p.add_argument("--usb-key", action=UsbInput, dest="inputs", metavar="REGEX=>KEYS",
                   help="as --key, on the USB keyboard (--usb-keyboard), through QMP")
    p.add_argument("--usb-type", action=UsbInput, dest="inputs", metavar="REGEX=>TEXT",
                   help="as --type, typed on the USB keyboard (--usb-keyboard) through QMP: "
                        "US layout, control characters as Ctrl")
    p.add_argument("--unplug", action=Unplug, dest="inputs", metavar="REGEX=>ID",
                   help="once REGEX is printed (in order with the other inputs), unplug device ID "
                        "(QMP device_del): usbdiskN is --disk N of kind usb")


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(text[:-1]) * units[text[-1].upper()] if text[-1:].upper() in units else int(text)


def scratch_disk(spec):
    """KIND:SIZE[:eio=SECTOR][:wbps=N][:lbs=N][:ns2=SIZE] as (kind, bytes,
    {option: int})."""
    parts = spec.split(":")
    opts = dict(p.partition("=")[::2] for p in parts[2:])
    known = {"eio", "wbps", "lbs"} | ({"ns2"} if parts[0] == "nvme" else set())
    if parts[0] not in ("nvme", "ahci", "usb") or len(parts) < 2 or not set(opts) <= known:
        sys.exit(f"runner: --disk {spec!r}: expected nvme:SIZE, ahci:SIZE or usb:SIZE, then :eio=SECTOR "
                 "or :wbps=BYTES or :lbs=BYTES, for nvme :ns2=SIZE")
    return parts[0], parse_size(parts[1]), {k: parse_size(v) if k == "ns2" else int(v, 0)
                                            for k, v in opts.items()}


def make_scratch_disks(args, tmp):
    """--disk KIND:SIZE: a fresh zero-filled (sparse) raw file for each, in
    the run's temporary directory, so every boot of the run sees the same.
    With :eio=SECTOR, QEMU's blkdebug fails every read and write that
    touches that 512-byte sector with EIO (the device reports a media
    error); with :wbps=BYTES writes are throttled to that many bytes a
    second (the first passes at once, the next waits until the budget it
    overdrew has drained: a device that does not answer in time); with
    :ns2=SIZE the NVMe controller has a second namespace, a file of its own."""
    for i, spec in enumerate(args.disk):
        kind, size, opts = scratch_disk(spec)
        eio = opts.get("eio")
        for name, n in ((f"scratch{i}.img", size), (f"scratch{i}-ns2.img", opts.get("ns2"))):
            if n is not None:
                with open(os.path.join(tmp, name), "wb") as f:
                    f.truncate(n)
        if eio is not None:
            with open(os.path.join(tmp, f"scratch{i}.blkdebug"), "w") as f:
                for event in ("read_aio", "write_aio"):
                    f.write(f'[inject-error]\nevent = "{event}"\nerrno = "5"\nsector = "{eio}"\n\n')


def scratch_disk_options(args, tmp):
    """NVMe disks as controllers of their own; AHCI ones on the q35 ICH9
    controller's ports after the boot disk's (ide.0, unless booting from
    USB); USB ones (usb-storage, id usbdiskN) on the xHCI controller's
    ports after the boot stick's and the keyboard's."""
    cmd, port = [], 0 if args.usb else 1
    for i, spec in enumerate(args.disk):
        kind, _, opts = scratch_disk(spec)
        file = os.path.join(tmp, f"scratch{i}.img")
        if "eio" in opts:
            file = f"blkdebug:{os.path.join(tmp, f'scratch{i}.blkdebug')}:{file}"
        throttle = f",throttling.bps-write={opts['wbps']}" if "wbps" in opts else ""
        cmd += log_writes_drive(args, str(i), file, f"scratch{i}") or \
            ["-drive", f"file={file},if=none,id=scratch{i},format=raw{throttle}"]
        lbs = f",logical_block_size={opts['lbs']},physical_block_size={opts['lbs']}" if "lbs" in opts else ""
        if kind == "nvme" and "ns2" in opts:
            cmd += ["-device", f"nvme,id=nvme{i},serial=chappe{i}",
                    "-device", f"nvme-ns,drive=scratch{i},bus=nvme{i},nsid=1{lbs}",
                    "-drive", f"file={os.path.join(tmp, f'scratch{i}-ns2.img')},if=none,id=scratch{i}n2,format=raw",
                    "-device", f"nvme-ns,drive=scratch{i}n2,bus=nvme{i},nsid=2{lbs}"]
        elif kind == "nvme":
            cmd += ["-device", f"nvme,drive=scratch{i},serial=chappe{i}{lbs}"]
        elif kind == "usb":
            cmd += ["-device", f"usb-storage,bus=xhci.0,drive=scratch{i},id=usbdisk{i}{lbs}"]
        else:
            cmd += ["-device", f"ide-hd,drive=scratch{i},bus=ide.{port}{lbs}"]
            port += 1
    return cmd


def log_writes_drive(args, which, file, node):
    """--log-writes WHICH:LOG: the disk (a scratch disk's index, or boot)
    through QEMU's blklogwrites filter, which appends every write and flush
    the guest's driver issues to LOG in dm-log-writes' format (one entry of
    512-byte sectors per request, after the disk itself took it; a FUA
    write as a write and a flush), read by tools/crashcheck.py. The
    -blockdev options for it, or None when the disk is not logged."""
    logs = dict(spec.split(":", 1) for spec in getattr(args, "log_writes", []))
    if which not in logs:
        return None
    if "blkdebug:" in file or (which != "boot" and set(scratch_disk(args.disk[int(which)])[2]) - {"lbs"}):
        sys.exit(f"runner: --log-writes {which}: a disk with eio= or wbps= is not logged")
    open(logs[which], "wb").close()  # a fresh log: log-append=off does not truncate it
    return ["-blockdev", f"driver=file,filename={file},node-name={node}-file",
            "-blockdev", f"driver=file,filename={os.path.abspath(logs[which])},node-name={node}-log",
            "-blockdev", f"driver=blklogwrites,node-name={node},file={node}-file,log={node}-log,"
                         "log-append=off,log-sector-size=512"]


class Killer:
    """--kill-after REGEX:SEED:MAX_S: once the first boot printed REGEX,
    SIGKILL QEMU (a power cut, as the guest sees it) after a delay drawn
    from random.Random(SEED) in [0, MAX_S] seconds."""

    def __init__(self, spec):
        self.at, self.pattern, self.delay = None, None, None
        if spec:
            pat, seed, most = spec.rsplit(":", 2)
            self.pattern, self.delay = re.compile(pat, re.M), random.Random(int(seed)).uniform(0, float(most))

    def due(self, text):
        if self.pattern is None:
            return False
        if self.at is None and self.pattern.search(text):
            self.at = time.monotonic() + self.delay
        return self.at is not None and time.monotonic() >= self.at


def save_disks(args, tmp):
    """--save-disk N:PATH: scratch disk N (or boot: the boot disk's copy)
    as the run left it, for the host."""
    for spec in args.save_disk:
        which, path = spec.split(":", 1)
        name = os.path.join(tmp, "disk.img" if which == "boot" else f"scratch{int(which)}.img")
        if os.path.exists(name):  # not when the run ended before booting
            shutil.copyfile(name, path)


class Console:
    """Collects QEMU's serial output while echoing it, noting the banner time."""

    def __init__(self, proc, start):
        self.proc, self.start = proc, start
        self.text, self.banner_at = "", None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.pump, daemon=True)
        self.thread.start()

    def pump(self):
        # Chunks, not lines: a prompt has no newline until someone answers it.
        fd = self.proc.stdout.fileno()
        for raw in iter(lambda: os.read(fd, 4096), b""):
            chunk = ANSI.sub("", raw.decode("utf-8", "replace"))
            sys.stdout.write(chunk)
            with self.lock:
                self.text += chunk
                if self.banner_at is None and BANNER.search(self.text):
                    self.banner_at = time.monotonic() - self.start

    def snapshot(self):
        with self.lock:
            return self.text


def match_in_order(text, patterns):
    """Index of the first pattern not found after its predecessor, or None."""
    pos = 0
    for i, pat in enumerate(patterns):
        m = re.compile(pat, re.M | re.S).search(text, pos)
        if not m:
            return i
        pos = m.end()
    return None


class Monitor:
    """QEMU's human monitor on a Unix socket: sendkey presses keys on the
    emulated keyboard (the PS/2 one, or a USB one when there is one)."""

    def __init__(self, path):
        self.path = path
        self.sock = None

    def send(self, command):
        if self.sock is None:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.connect(self.path)
        self.sock.sendall(command.encode() + b"\n")
        time.sleep(0.05)  # one key at a time: QEMU queues, but gently


def type_when_ready(proc, monitor, text, typing, state, args=None):
    """Type the next input once its trigger appears after the last typing
    point: a scripted session, one line per prompt. Serial text goes to
    COM1; keys go to the keyboard through the monitor."""
    if not typing:
        return typing
    kind, spec = typing[0]
    trigger, keys = spec.split("=>", 1)
    m = re.compile(trigger, re.M).search(text, state["pos"])
    if not m:
        return typing
    if kind == "serial":
        proc.stdin.write(keys.encode().decode("unicode_escape").encode("latin-1"))
        proc.stdin.flush()
    elif kind == "usb":
        usb_press(os.path.dirname(monitor.path), keys)
    elif kind == "qmp":
        usb_plug(args, os.path.dirname(monitor.path), keys)
    elif kind == "unplug":
        qmp_of(os.path.dirname(monitor.path)).execute("device_del", id=keys)
    else:
        for key in keys.split():
            monitor.send("sendkey " + key.replace("@", " "))  # KEY@MS: held MS ms
    state["pos"] = m.end()
    return typing[1:]


def corrupt_rootfs(disk, marker, tmp):
    """Flip one byte inside the data block that holds `marker` in ROOT.DFS."""
    path = os.path.join(tmp, "root.dfs")
    mtools("mcopy", "-n", "-i", esp(disk), "::/CHAPPE/ROOT.DFS", path)
    data = bytearray(open(path, "rb").read())
    at = data.find(marker.encode())
    if at < 0 or data.find(marker.encode(), at + 1) >= 0:
        sys.exit(f"runner: marker {marker!r} not found exactly once in ROOT.DFS")
    data[at + len(marker) // 2] ^= 0x20
    open(path, "wb").write(data)
    mtools("mcopy", "-o", "-i", esp(disk), path, "::/CHAPPE/ROOT.DFS")
    corrupt_data_partition(disk, marker)


def data_partition(disk):
    """The data partition's first sector and its size in sectors, or None."""
    info = subprocess.run(["sgdisk", "-i", "2", disk], capture_output=True, text=True).stdout
    first = re.search(r"^First sector: (\d+)", info, re.M)
    last = re.search(r"^Last sector: (\d+)", info, re.M)
    return (int(first.group(1)), int(last.group(1)) - int(first.group(1)) + 1) if first and last else None


def corrupt_data_partition(disk, marker):
    """The same byte flipped in the data partition's copy of the block (the
    tree mkdagfs --disk put there), which is what dagfs reads."""
    part = data_partition(disk)
    if not part:
        return
    with open(disk, "r+b") as f:
        f.seek(part[0] * 512)
        data = bytearray(f.read(part[1] * 512))
        at = data.find(marker.encode())
        if at < 0 or data.find(marker.encode(), at + 1) >= 0:
            sys.exit(f"runner: marker {marker!r} not found exactly once in the data partition")
        f.seek(part[0] * 512 + at + len(marker) // 2)
        f.write(bytes([data[at + len(marker) // 2] ^ 0x20]))


class Input(argparse.Action):
    """--type and --key share one list, in the order given."""

    def __call__(self, parser, namespace, value, option_string=None):
        kind = "serial" if option_string in ("--type", "--reboot-type") else "keys"
        getattr(namespace, self.dest).append((kind, value))


def change_gpt(disk, how):
    """Drop the data partition (an image of the layout before it), or damage
    the primary GPT header's checksum (the backup at the disk's end stays)."""
    if how == "no-data":
        subprocess.run(["sgdisk", "--delete=2", disk], check=True, stdout=subprocess.DEVNULL)
        return
    if how == "blank-data":
        with open(disk, "r+b") as f:
            f.seek(data_partition(disk)[0] * 512)
            f.write(bytes(64 << 10))  # the root record ring and more: never formatted
        return
    with open(disk, "r+b") as f:
        f.seek(512 + 16)  # LBA 1: "EFI PART", revision, size, then the CRC
        crc = f.read(4)
        f.seek(512 + 16)
        f.write(bytes(b ^ 0xFF for b in crc))


def run(args, tmp):
    """One boot, or with --reboot-with two: the second of the same boot disk
    (its BOOT.CFG now the image's with those lines instead of --config's)
    and the same scratch disks, a reboot of the same machine; expectations
    run over both consoles."""
    make_scratch_disks(args, tmp)
    if not args.reboot_with:
        return boot(args, tmp, args.config, args.inputs, killer=Killer(args.kill_after))
    first = boot(args, tmp, args.config, args.inputs, judged=False, killer=Killer(args.kill_after))
    if first is None:
        return 1
    damage = between_boots(args, tmp)
    if damage is None:
        return 1
    marker = "runner: second boot, the same disks\n"
    print(marker, end="")
    return boot(args, tmp, args.reboot_with, args.reboot_inputs, before=first + damage + marker,
                again=True)


def between_boots(args, tmp):
    """--between-boots ARGS: dagfs-check run on the boot disk's copy once
    the first boot is over, as `DAGFS_CHECK DISK ARGS` (ARGS split as a
    shell would), in order: what they printed, which the expectations see
    between the two boots' consoles, or None when one failed."""
    disk, out = os.path.join(tmp, "disk.img"), ""
    for line in args.between_boots:
        cmd = [args.dagfs_check, disk, *shlex.split(line)]
        got = subprocess.run(cmd, capture_output=True, text=True)
        print(got.stdout + got.stderr, end="")
        out += got.stdout + got.stderr
        if got.returncode:
            print(f"runner: FAIL: between the boots, {' '.join(cmd)} exited {got.returncode}")
            return None
    return out


def reconfigure(disk, lines, tmp):
    """The boot disk's BOOT.CFG back to the image's, then lines appended."""
    mtools("mcopy", "-o", "-i", esp(disk), os.path.join(tmp, "boot.cfg.image"), "::/CHAPPE/BOOT.CFG")
    if lines:
        append_config(disk, lines, tmp)


def prepare_disk(args, tmp, config):
    """A copy of the image, with BOOT.CFG and the damage asked for."""
    disk = os.path.join(tmp, "disk.img")
    subprocess.run(["cp", "--sparse=always", args.image, disk], check=True)
    mtools("mcopy", "-n", "-i", esp(disk), "::/CHAPPE/BOOT.CFG", os.path.join(tmp, "boot.cfg.image"))
    if config:
        append_config(disk, config, tmp)
    if args.corrupt_kernel:
        corrupt_kernel(disk, args.corrupt_kernel, tmp)
    if args.corrupt_rootfs:
        corrupt_rootfs(disk, args.corrupt_rootfs, tmp)
    if args.remove_rootfs:
        mtools("mdel", "-i", esp(disk), "::/CHAPPE/ROOT.DFS")
    if args.gpt:
        change_gpt(disk, args.gpt)
    return disk


def boot(args, tmp, config, inputs, judged=True, before="", again=False, killer=None):
    """Boot once (again: the same boot disk and firmware variables as the
    boot before): the verdict, or unjudged the console text (None when the
    boot failed already: a timeout or the wrong exit status)."""
    disk = os.path.join(tmp, "disk.img")
    vars_fd = os.path.join(tmp, "OVMF_VARS.fd")
    if again:
        reconfigure(disk, config, tmp)
    else:
        prepare_disk(args, tmp, config)
        shutil.copy(f"{OVMF_DIR}/OVMF_VARS_4M.fd", vars_fd)
    cmd = qemu_command(args, disk, vars_fd)
    if args.interactive:
        return subprocess.call(cmd)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    console = Console(proc, start)
    monitor = Monitor(os.path.join(tmp, "monitor.sock"))
    status, reason = None, None
    typing = list(inputs)
    typed = {"pos": 0}
    while status is None:
        try:
            status = proc.wait(timeout=args.poll_ms / 1000)
        except subprocess.TimeoutExpired:
            typing = type_when_ready(proc, monitor, console.snapshot(), typing, typed, args)
            if killer and killer.due(console.snapshot()):
                proc.kill()
                status = proc.wait()
                reason = "killed"
                print(f"\nrunner: killed QEMU {killer.delay:.2f} s after {killer.pattern.pattern!r}")
            elif args.stop_when_matched and match_in_order(console.snapshot(), args.expect) is None:
                proc.kill()
                status = proc.wait()
                reason = "matched"
            elif time.monotonic() - start > args.timeout:
                proc.kill()
                proc.wait()
                reason = "timeout"
                break
    console.thread.join(timeout=5)
    if not judged:
        if (reason is None and status == args.exit_code) or reason == "killed":
            return console.snapshot()
        print(f"runner: FAIL: the first boot ended with status {status}"
              f"{', timed out' if reason else ''}")
        return None
    return judge(args, console, status, reason, time.monotonic() - start, before)


def judge(args, console, status, reason, elapsed, before=""):
    text = before + console.snapshot()
    failures = []
    if reason == "timeout":
        failures.append(f"timed out after {args.timeout} s")
    missing = match_in_order(text, args.expect)
    if missing is not None:
        failures.append(f"expected output not seen (in order): {args.expect[missing]!r}")
    for spec in args.count:
        want, _, pat = spec.partition(":")
        got = len(re.findall(pat, text, re.M))
        if got != int(want):
            failures.append(f"{pat!r} seen {got} times, expected {want}")
    for spec in args.distinct:
        want, _, pat = spec.partition(":")
        got = set(re.findall(pat, text, re.M))
        if len(got) != int(want):
            failures.append(f"{pat!r} matched {len(got)} distinct values {sorted(got)}, expected {want}")
    for pat in args.reject:
        if re.search(pat, text, re.M):
            failures.append(f"forbidden output seen: {pat!r}")
    if not args.allow_panic and PANIC.search(text):
        failures.append("kernel panicked")
    if reason is None and status != args.exit_code:
        failures.append(f"QEMU exit status {status}, expected {args.exit_code}")
    banner = f", banner at {console.banner_at:.2f} s" if console.banner_at else ""
    if failures:
        print(f"runner: FAIL after {elapsed:.1f} s{banner}: " + "; ".join(failures))
        return 1
    print(f"runner: PASS in {elapsed:.1f} s{banner}")
    return 0


def ports_skipped(status):
    try:
        with open(status) as f:
            lines = f.read().splitlines()
    except OSError:
        return "no ports were built (%s is missing: configure with -Dports=enabled)" % status
    skipped = [line for line in lines if ": skipped" in line]
    return "; ".join(skipped)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--image", required=True)
    p.add_argument("--config", action="append", default=[], help="line appended to BOOT.CFG")
    p.add_argument("--expect", action="append", default=[], help="regex that must appear, in order")
    p.add_argument("--key", action=Input, dest="inputs", default=[], metavar="REGEX=>KEYS",
                   help="press KEYS (QEMU sendkey names, space-separated, e.g. a ctrl-c up; "
                        "KEY@MS holds one MS ms) on the keyboard once REGEX is printed after the "
                        "previous typing (in order)")
    p.add_argument("--type", action=Input, dest="inputs", default=[], metavar="REGEX=>TEXT",
                   help="type TEXT (backslash escapes allowed) on COM1 once REGEX is printed "
                        "after the previous typing (in order)")
    p.add_argument("--count", action="append", default=[], metavar="N:REGEX",
                   help="REGEX must match exactly N times")
    p.add_argument("--distinct", action="append", default=[], metavar="N:REGEX",
                   help="REGEX's first group must take exactly N distinct values")
    p.add_argument("--reject", action="append", default=[], help="regex that must not appear")
    p.add_argument("--exit-code", type=int, default=1, help="expected QEMU exit status")
    p.add_argument("--allow-panic", action="store_true")
    p.add_argument("--stop-when-matched", action="store_true",
                   help="stop QEMU once every expectation matched (firmware keeps running)")
    p.add_argument("--corrupt-kernel", choices=["missing", "magic", "truncated", "machine", "segment"])
    p.add_argument("--corrupt-rootfs", metavar="MARKER",
                   help="flip a byte of the ROOT.DFS block holding MARKER")
    p.add_argument("--remove-rootfs", action="store_true",
                   help="delete ROOT.DFS from the image (the boot finds no root filesystem)")
    p.add_argument("--gpt", choices=["no-data", "damage-primary", "blank-data"],
                   help="the copy's partition table without the data partition, or with a damaged "
                        "primary header; or its data partition's start zeroed (never formatted)")
    p.add_argument("--memory", default="512M")
    p.add_argument("--cpu", default="max")
    p.add_argument("--device", action="append", default=[], metavar="DEV",
                   help="add a QEMU device (-device DEV), e.g. edu")
    p.add_argument("--machine", action="append", default=[], metavar="OPT",
                   help="q35 machine option, e.g. i8042=off (no PS/2 controller)")
    p.add_argument("--plugin", metavar="SO[,ARG=V...]",
                   help="load a QEMU TCG plugin, e.g. build/tickprof.so,out=FILE (./chappe bench --profile)")
    p.add_argument("--disk", action="append", default=[], metavar="KIND:SIZE",
                   help="attach a fresh zero-filled scratch disk: nvme:64M (an NVMe controller "
                        "of its own), ahci:64M (a port of the q35 AHCI controller) or usb:64M (usb-storage "
                        "on the xHCI controller, id usbdiskN for --unplug); a third "
                        "part eio=SECTOR makes every access to that 512-byte sector fail (EIO), "
                        "wbps=BYTES throttles writes to BYTES a second, lbs=BYTES sets the sector "
                        "size (512 or 4096), ns2=SIZE adds a second NVMe namespace")
    p.add_argument("--reboot-with", action="append", default=[], metavar="LINE",
                   help="boot a second time, the same boot disk and scratch disks, once the "
                        "first boot ended with the expected exit status; LINE goes to that boot's "
                        "BOOT.CFG (instead of --config's)")
    p.add_argument("--reboot-type", action=Input, dest="reboot_inputs", default=[],
                   metavar="REGEX=>TEXT", help="as --type, on the second boot")
    p.add_argument("--between-boots", action="append", default=[], metavar="ARGS",
                   help="with --reboot-with: after the first boot, damage the boot disk's copy "
                        "with `DAGFS_CHECK DISK ARGS` (--dagfs-check), e.g. '--gpt --damage-file "
                        "/tmp/f' (a byte of one DATA block of that file in the newest commit) or "
                        "'--gpt --tear-root' (the newest root record fails its hash); what it "
                        "prints joins the console text before the second boot's; a failure "
                        "fails the run (ARGS of one word: --between-boots=--tear-root)")
    p.add_argument("--dagfs-check", metavar="PATH", help="the host tool --between-boots runs")
    p.add_argument("--allow-reset", action="store_true",
                   help="a guest reset boots the machine again instead of ending QEMU (-no-reboot "
                        "off): a reboot shows a second banner, and only a power off ends QEMU")
    p.add_argument("--log-writes", action="append", default=[], metavar="DISK:LOG",
                   help="log every write and flush to DISK (a --disk index, or boot) to the file "
                        "LOG (QEMU's blklogwrites, dm-log-writes' format; tools/crashcheck.py)")
    p.add_argument("--kill-after", metavar="REGEX:SEED:MAX_S",
                   help="SIGKILL QEMU at a random moment (seeded) within MAX_S seconds after the "
                        "first boot printed REGEX; with --reboot-with the second boot follows")
    p.add_argument("--save-disk", action="append", default=[], metavar="N:PATH",
                   help="copy scratch disk N (or boot, the boot disk) to PATH once the run is over")
    p.add_argument("--usb", action="store_true", help="boot from a USB stick on xHCI")
    p.add_argument("--boot-nvme", action="store_true",
                   help="the boot disk on an NVMe controller of its own (else a SATA port of q35's AHCI)")
    add_usb_keyboard_options(p)
    p.add_argument("--icount", action="store_true", help="deterministic: -icount shift=0,sleep=off")
    p.add_argument("--rtc-base", metavar="YYYY-MM-DDTHH:MM:SS",
                   help="the CMOS clock starts at this UTC time (-rtc base=...)")
    p.add_argument("--poll-ms", type=int, default=200, metavar="MS",
                   help="how often the console is looked at for the inputs' triggers (a test whose "
                        "input must land within a few milliseconds of its line: 5)")
    p.add_argument("--timeout", type=float, default=90)
    p.add_argument("--interactive", action="store_true")
    p.add_argument("--skip-unless-built", metavar="STATUS",
                   help="skip (exit 77, meson's skip) when the ports status file says a port was "
                        "skipped or is missing, printing why")
    args = p.parse_args()
    if args.between_boots and not (args.reboot_with and args.dagfs_check):
        p.error("--between-boots needs --reboot-with and --dagfs-check")
    if args.skip_unless_built:
        why = ports_skipped(args.skip_unless_built)
        if why:
            print("runner: SKIP: " + why)
            return 77
    tmp = tempfile.mkdtemp(prefix="chappe-")
    try:
        return run(args, tmp)
    finally:
        save_disks(args, tmp)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

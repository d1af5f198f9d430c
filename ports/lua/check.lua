-- SPDX-License-Identifier: BSD-2-Clause
-- What Lua 5.4 on Chapp-E must do: each case prints what it got beside
-- what it wanted; the last line counts them and the exit status says.
-- Run as: lua check.lua DIR (a writable directory for the io cases).
local dir = arg[1] or "/tmp"
local cases, failures = 0, 0

local function check(what, got, want)
  cases = cases + 1
  if got == want then
    print(string.format("lua: %s = %s ok", what, tostring(got)))
  else
    failures = failures + 1
    print(string.format("lua: %s = %s, expected %s FAIL", what, tostring(got), tostring(want)))
  end
end

-- Floats and string.format: the C library's printf underneath.
check("string.format('%5.2f', 3.14)", string.format("%5.2f", 3.14), " 3.14")
check("string.format('%.14g', 0.1)", string.format("%.14g", 0.1), "0.1")
check("string.format('%e', 12345.678)", string.format("%e", 12345.678), "1.234568e+04")
check("string.format('%a', 1.0)", string.format("%a", 1.0), "0x1p+0")
check("string.format('%g', 1e300 * 1e10)", string.format("%g", 1e300 * 1e10), "inf")
check("string.format('%q', 0.1)", string.format("%q", 0.1), "0x1.999999999999ap-4")
check("tostring(1/3)", tostring(1 / 3), "0.33333333333333")
check("tostring(2^63)", tostring(2 ^ 63), "9.2233720368548e+18")
check("tonumber('0x1.8p1')", tonumber("0x1.8p1"), 3.0)
check("tonumber('  1e-310  ') (subnormal)", tonumber("  1e-310  "), 1e-310)
check("0.1 + 0.2 == 0.3", 0.1 + 0.2 == 0.3, false)
check("3 // 0.0", 3 // 0.0, math.huge)
check("integer division 7 // -2", 7 // -2, -4)
check("float-integer 7 % -3.0", 7 % -3.0, -2.0)
check("math.maxinteger + 1 wraps", math.maxinteger + 1 == math.mininteger, true)

-- math: libm underneath.
check("math.sqrt(2)", string.format("%.17g", math.sqrt(2)), "1.4142135623730951")
check("math.sin(math.pi / 6)", string.format("%.15f", math.sin(math.pi / 6)), "0.500000000000000")
check("math.exp(1)", string.format("%.16g", math.exp(1)), "2.718281828459045")
check("math.log(1024, 2)", math.log(1024, 2), 10.0)
check("math.floor(-3.5)", math.floor(-3.5), -4)
check("math.fmod(-7, 3)", math.fmod(-7, 3), -1)
check("math.atan(1, -1)", string.format("%.15f", math.atan(1, -1)), "2.356194490192345")
check("math.type(2^53)", math.type(2 ^ 53), "float")
check("math.tointeger(2^53)", math.tointeger(2 ^ 53), 9007199254740992)
check("math.ult(1, -1)", math.ult(1, -1), true)
math.randomseed(42)
local r = math.random(1, 6)
check("math.random(1, 6) in range", r >= 1 and r <= 6, true)

-- os.time and os.date: the wall clock and the C library's time functions
-- (Chapp-E's local time is UTC: os.time of a table is read as UTC).
local t = os.time({year = 2024, month = 2, day = 29, hour = 12, min = 30, sec = 15})
check("os.date('!%Y-%m-%d %H:%M:%S', t)", os.date("!%Y-%m-%d %H:%M:%S", t), "2024-02-29 12:30:15")
check("os.time{2024-02-29 12:30:15} (UTC)", t, 1709209815)
check("os.date('!*t', 0).year", os.date("!*t", 0).year, 1970)
check("os.time() is past 2025", os.time() > 1735689600, true)
check("os.difftime", os.difftime(t + 90, t), 90.0)
check("os.clock() is a number", math.type(os.clock()), "float")
check("os.getenv of an unset name", os.getenv("CHAPPE_UNSET_NAME"), nil)

-- pcall and error.
local ok, err = pcall(error, {code = 7})
check("pcall(error, table)", ok == false and err.code, 7)
ok, err = pcall(function() local x = nil; return x.field end)
check("indexing nil is caught", ok == false and err:match("attempt to index") ~= nil, true)
ok, err = pcall(error, "boom", 0)
check("error message level 0", err, "boom")
check("xpcall runs the handler", select(2, xpcall(error, function(m) return "handled " .. m end, "x")),
  "handled x")

-- Coroutines.
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i * i) end
  return "done"
end)
check("coroutine yields", gen() + gen() + gen(), 14)
check("coroutine returns", gen(), "done")
local co = coroutine.create(function(a) local b = coroutine.yield(a + 1); error("in co " .. b) end)
local _, first = coroutine.resume(co, 1)
local okc, msg = coroutine.resume(co, "two")
check("coroutine resume/yield values", first, 2)
check("an error inside a coroutine", okc == false and msg:match("in co two") ~= nil, true)
check("its status after", coroutine.status(co), "dead")

-- String patterns.
check("string.match date", table.concat({string.match("on 2026-12-01.", "(%d+)-(%d+)-(%d+)")}, "/"),
  "2026/12/01")
check("string.gsub with a function", (string.gsub("hello world", "%w+", string.upper)), "HELLO WORLD")
check("string.find plain", string.find("a.b.c", ".", 2, true), 2)
check("balanced %b()", string.match("f(a(b)c)d", "%b()"), "(a(b)c)")
check("frontier %f", (string.gsub("THE (quick) fox", "%f[%a]%a+", "X")), "X (X) X")
local words = {}
for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
check("gmatch", table.concat(words, ","), "one,two,three")
check("string.rep with separator", string.rep("ab", 3, "-"), "ab-ab-ab")
check("string.pack/unpack", string.unpack("<i4", string.pack("<i4", -2)), -2)
check("utf8.len", utf8.len("h\u{e9}llo"), 5)

-- Deep recursion to a stack overflow, caught by pcall; Lua runs on after.
local function deep(n) return 1 + deep(n + 1) end
ok, err = pcall(deep, 1)
check("unbounded recursion is caught", ok == false and err:match("stack overflow") ~= nil, true)
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
check("deep but bounded recursion after it", sum(10000), 50005000)
ok, err = pcall(string.rep, "x", -1)
check("string.rep of -1", ok and err, "")

-- The io library on files.
local path = dir .. "/lua-io-check.txt"
local f = assert(io.open(path, "w"))
f:write("line one\n", 42, " ", 1.5, "\n", "last line without newline")
f:close()
f = assert(io.open(path, "r"))
check("read a line", f:read("l"), "line one")
check("read a number", f:read("n"), 42)
check("read a float", f:read("n"), 1.5)
f:read("l")
check("read the rest", f:read("a"), "last line without newline")
check("read at end", f:read("l"), nil)
check("seek to the end gives the size", f:seek("end"), 41)
f:close()
f = assert(io.open(path, "a+"))
f:write("\nappended")
f:seek("set", 0)
local n = 0
for _ in f:lines() do n = n + 1 end
f:close()
check("a+ appends, lines counts", n, 4)
check("io.lines", io.lines(path)(), "line one")
check("opening a missing file", select(2, io.open(dir .. "/no/such/file")) ~= nil, true)
check("os.rename", os.rename(path, path .. ".2"), true)
check("os.remove", os.remove(path .. ".2"), true)
check("os.remove again fails", os.remove(path .. ".2"), nil)
local tmp = io.tmpfile()
tmp:write("scratch")
tmp:seek("set")
check("io.tmpfile", tmp:read("a"), "scratch")
tmp:close()

print(string.format("lua check: %d/%d cases ok", cases - failures, cases))
os.exit(failures == 0 and 0 or 1)

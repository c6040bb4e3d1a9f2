// Test-only stand-in for bcryptprimitives.dll, which Wine 8.0 lacks and Rust's standard
// library imports (ProcessPrng). Built next to the .exe inside the test folder by
// scripts/test-packages.sh; never shipped: Windows 10 and 11 have the real DLL.
#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) { ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len; if (!RtlGenRandom(data, n)) return FALSE; data += n; len -= n; }
    return TRUE;
}

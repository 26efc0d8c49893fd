/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Rust's std
 * (1.78 and later) takes its randomness from ProcessPrng there, and without it wikken.exe
 * cannot start under Wine (exit 53). This one forwards to RtlGenRandom (advapi32's
 * SystemFunction036), the system's own random generator. The smoke test builds it next to
 * its copy of the exe; it is never shipped, since real Windows has the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG: fill large requests in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}

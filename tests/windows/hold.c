/* Test-only: holds a file open the way another Windows program does (Excel, a backup or
 * virus scanner, a colleague's editor on the network share), until its standard input
 * closes. Usage: hold.exe FILE SHARE, where SHARE is "none" (no sharing at all) or "rw"
 * (others may read and write, as wikken itself opens files, but not delete or rename).
 * Prints "held" once the file is open, so the test knows when to go on. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    DWORD share = strcmp(argv[2], "rw") == 0 ? FILE_SHARE_READ | FILE_SHARE_WRITE : 0;
    HANDLE file = CreateFileA(argv[1], GENERIC_READ, share, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        printf("cannot open: %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    char buffer[64];
    while (fgets(buffer, sizeof buffer, stdin) != NULL) {
    }
    CloseHandle(file);
    return 0;
}

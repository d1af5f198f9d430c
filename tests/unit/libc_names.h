/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chapp-E's libc under chappe_ names, so that it links into one program
 * with the host libc it is compared against. Included before Chapp-E code
 * or headers it renames what they define and declare; included again with
 * LIBC_NAMES_UNDO defined it gives the host its names back. Hence no
 * #pragma once, and two lists that must name the same things.
 */
#ifndef LIBC_NAMES_UNDO

/* A fortified host header would put its own inline memcpy under our name. */
#undef _FORTIFY_SOURCE

/* lib/string/string.c */
#define memset chappe_memset
#define memcpy chappe_memcpy
#define memmove chappe_memmove
#define memcmp chappe_memcmp
#define memchr chappe_memchr
#define strlen chappe_strlen
#define strcmp chappe_strcmp
#define strncmp chappe_strncmp
#define strchr chappe_strchr
#define strrchr chappe_strrchr
#define strstr chappe_strstr
#define strtok_r chappe_strtok_r
#define strcpy chappe_strcpy
#define strcat chappe_strcat

/* lib/libc/stdlib.c */
#define exit chappe_exit
#define abort chappe_abort
#define strtoul chappe_strtoul
#define strtol chappe_strtol
#define atoi chappe_atoi
#define qsort chappe_qsort
#define environ chappe_environ
#define getenv chappe_getenv
#define atexit chappe_atexit
#define __libc_run_atexit chappe_libc_run_atexit
#define __libc_flush_all chappe_libc_flush_all

/* lib/libc/malloc.c, and the sbrk a test gives it */
#define malloc chappe_malloc
#define free chappe_free
#define calloc chappe_calloc
#define realloc chappe_realloc
#define sbrk chappe_sbrk
#define posix_memalign chappe_posix_memalign
#define aligned_alloc chappe_aligned_alloc
#define memalign chappe_memalign
#define malloc_usable_size chappe_malloc_usable_size

/* lib/libc/include/ctype.h */
#define isdigit chappe_isdigit
#define isupper chappe_isupper
#define islower chappe_islower
#define isalpha chappe_isalpha
#define isalnum chappe_isalnum
#define isxdigit chappe_isxdigit
#define isspace chappe_isspace
#define isprint chappe_isprint
#define iscntrl chappe_iscntrl
#define ispunct chappe_ispunct
#define toupper chappe_toupper
#define tolower chappe_tolower

/* issue 14: lib/libc string_ext.c, strerror.c, stdlib_ext.c, env.c, realpath.c,
 * libgen.c, mkstemp.c, system.c, getopt.c, locale.c, assert.c, setjmp.S, ctype.h */
#define strnlen chappe_strnlen
#define strspn chappe_strspn
#define strcspn chappe_strcspn
#define strpbrk chappe_strpbrk
#define strcoll chappe_strcoll
#define strxfrm chappe_strxfrm
#define strncat chappe_strncat
#define strncpy chappe_strncpy
#define stpncpy chappe_stpncpy
#define stpcpy chappe_stpcpy
#define strtok chappe_strtok
#define strndup chappe_strndup
#define strdup chappe_strdup
#define strlcpy chappe_strlcpy
#define strlcat chappe_strlcat
#define memmem chappe_memmem
#define memrchr chappe_memrchr
#define strncasecmp chappe_strncasecmp
#define strcasecmp chappe_strcasecmp
#define strcasestr chappe_strcasestr
#define bzero chappe_bzero
#define bcopy chappe_bcopy
#define ffs chappe_ffs
#define ffsl chappe_ffsl
#define ffsll chappe_ffsll
#define strerror chappe_strerror
#define strerror_r chappe_strerror_r
#define strsignal chappe_strsignal
#define abs chappe_abs
#define labs chappe_labs
#define llabs chappe_llabs
#define imaxabs chappe_imaxabs
#define div chappe_div
#define ldiv chappe_ldiv
#define lldiv chappe_lldiv
#define imaxdiv chappe_imaxdiv
#define div_t chappe_div_t
#define ldiv_t chappe_ldiv_t
#define lldiv_t chappe_lldiv_t
#define imaxdiv_t chappe_imaxdiv_t
#define strtoll chappe_strtoll
#define strtoull chappe_strtoull
#define strtoimax chappe_strtoimax
#define strtoumax chappe_strtoumax
#define atol chappe_atol
#define atoll chappe_atoll
#define bsearch chappe_bsearch
#define random chappe_random
#define srandom chappe_srandom
#define rand chappe_rand
#define srand chappe_srand
#define rand_r chappe_rand_r
#define setenv chappe_setenv
#define unsetenv chappe_unsetenv
#define putenv chappe_putenv
#define realpath chappe_realpath
#define basename chappe_basename
#define dirname chappe_dirname
#define mkstemp chappe_mkstemp
#define mkdtemp chappe_mkdtemp
#define system chappe_system
#define getopt chappe_getopt
#define optarg chappe_optarg
#define optind chappe_optind
#define opterr chappe_opterr
#define optopt chappe_optopt
#define setlocale chappe_setlocale
#define localeconv chappe_localeconv
#define __assert_fail chappe_assert_fail
#define __progname chappe_progname
#define setjmp chappe_setjmp
#define longjmp chappe_longjmp
#define _setjmp chappe_underscore_setjmp
#define _longjmp chappe_underscore_longjmp
#define sigsetjmp chappe_sigsetjmp
#define siglongjmp chappe_siglongjmp
#define isblank chappe_isblank
#define isgraph chappe_isgraph
/* lib/libc/stdio*.c and include/stdio.h, only where LIBC_NAMES_STDIO is
 * defined: other wrappers print with the host's stdio (rename stays the
 * host's either way: it is unistd.c's). */
#ifdef LIBC_NAMES_STDIO
#define FILE chappe_FILE
#define fpos_t chappe_fpos_t
#define stdin chappe_stdin
#define stdout chappe_stdout
#define stderr chappe_stderr
#define fflush chappe_fflush
#define fputc chappe_fputc
#define putc chappe_putc
#define putchar chappe_putchar
#define fputs chappe_fputs
#define fprintf chappe_fprintf
#define vfprintf chappe_vfprintf
#define fgetc chappe_fgetc
#define getc chappe_getc
#define getchar chappe_getchar
#define ungetc chappe_ungetc
#define fgets chappe_fgets
#define feof chappe_feof
#define ferror chappe_ferror
#define printf chappe_printf
#define dprintf chappe_dprintf
#define vdprintf chappe_vdprintf
#define snprintf chappe_snprintf
#define vsnprintf chappe_vsnprintf
#define puts chappe_puts
#define fopen chappe_fopen
#define fdopen chappe_fdopen
#define freopen chappe_freopen
#define tmpfile chappe_tmpfile
#define fclose chappe_fclose
#define fileno chappe_fileno
#define flockfile chappe_flockfile
#define ftrylockfile chappe_ftrylockfile
#define funlockfile chappe_funlockfile
#define getc_unlocked chappe_getc_unlocked
#define getchar_unlocked chappe_getchar_unlocked
#define putc_unlocked chappe_putc_unlocked
#define putchar_unlocked chappe_putchar_unlocked
#define fread chappe_fread
#define fwrite chappe_fwrite
#define fseek chappe_fseek
#define fseeko chappe_fseeko
#define ftell chappe_ftell
#define ftello chappe_ftello
#define rewind chappe_rewind
#define fgetpos chappe_fgetpos
#define fsetpos chappe_fsetpos
#define setvbuf chappe_setvbuf
#define setbuf chappe_setbuf
#define setlinebuf chappe_setlinebuf
#define clearerr chappe_clearerr
#define getline chappe_getline
#define getdelim chappe_getdelim
#define remove chappe_remove
#define perror chappe_perror
#define popen chappe_popen
#define pclose chappe_pclose
#define tmpnam chappe_tmpnam
#define vprintf chappe_vprintf
#define sprintf chappe_sprintf
#define vsprintf chappe_vsprintf
#define __stdio_list chappe_stdio_list
#define __stdio_flush_out chappe_stdio_flush_out
#define __stdio_set_buffer chappe_stdio_set_buffer
#define __stdio_release chappe_stdio_release
#define __stdio_mode_flags chappe_stdio_mode_flags
#define __stdio_new chappe_stdio_new
#define __stdio_forget_tmpname chappe_stdio_forget_tmpname
#endif
/* lib/libc/time.c */
#define time chappe_time
#define clock chappe_clock
#define difftime chappe_difftime
#define timespec_get chappe_timespec_get
#define gettimeofday chappe_gettimeofday
#define tzset chappe_tzset
#define mktime chappe_mktime
#define timegm chappe_timegm
#define gmtime chappe_gmtime
#define gmtime_r chappe_gmtime_r
#define localtime chappe_localtime
#define localtime_r chappe_localtime_r
#define strftime chappe_strftime
#define asctime chappe_asctime
#define asctime_r chappe_asctime_r
#define ctime chappe_ctime
#define ctime_r chappe_ctime_r

/* lib/libc/strtod.c and scanf.c */
#define strtod chappe_strtod
#define strtof chappe_strtof
#define strtold chappe_strtold
#define atof chappe_atof
#define scanf chappe_scanf
#define sscanf chappe_sscanf
#define fscanf chappe_fscanf
#define vscanf chappe_vscanf
#define vsscanf chappe_vsscanf
#define vfscanf chappe_vfscanf

#else

#undef memset
#undef memcpy
#undef memmove
#undef memcmp
#undef memchr
#undef strlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strstr
#undef strtok_r
#undef strcpy
#undef strcat

#undef exit
#undef abort
#undef strtoul
#undef strtol
#undef atoi
#undef qsort
#undef environ
#undef getenv
#undef atexit
#undef __libc_run_atexit
#undef __libc_flush_all

#undef malloc
#undef free
#undef calloc
#undef realloc
#undef sbrk
#undef posix_memalign
#undef aligned_alloc
#undef memalign
#undef malloc_usable_size

#undef isdigit
#undef isupper
#undef islower
#undef isalpha
#undef isalnum
#undef isxdigit
#undef isspace
#undef isprint
#undef iscntrl
#undef ispunct
#undef toupper
#undef tolower

#undef strnlen
#undef strspn
#undef strcspn
#undef strpbrk
#undef strcoll
#undef strxfrm
#undef strncat
#undef strncpy
#undef stpncpy
#undef stpcpy
#undef strtok
#undef strndup
#undef strdup
#undef strlcpy
#undef strlcat
#undef memmem
#undef memrchr
#undef strncasecmp
#undef strcasecmp
#undef strcasestr
#undef bzero
#undef bcopy
#undef ffs
#undef ffsl
#undef ffsll
#undef strerror
#undef strerror_r
#undef strsignal
#undef abs
#undef labs
#undef llabs
#undef imaxabs
#undef div
#undef ldiv
#undef lldiv
#undef imaxdiv
#undef div_t
#undef ldiv_t
#undef lldiv_t
#undef imaxdiv_t
#undef strtoll
#undef strtoull
#undef strtoimax
#undef strtoumax
#undef atol
#undef atoll
#undef bsearch
#undef random
#undef srandom
#undef rand
#undef srand
#undef rand_r
#undef setenv
#undef unsetenv
#undef putenv
#undef realpath
#undef basename
#undef dirname
#undef mkstemp
#undef mkdtemp
#undef system
#undef getopt
#undef optarg
#undef optind
#undef opterr
#undef optopt
#undef setlocale
#undef localeconv
#undef __assert_fail
#undef __progname
#undef setjmp
#undef longjmp
#undef _setjmp
#undef _longjmp
#undef sigsetjmp
#undef siglongjmp
#undef isblank
#undef isgraph
#ifdef LIBC_NAMES_STDIO
#undef FILE
#undef fpos_t
#undef stdin
#undef stdout
#undef stderr
#undef fflush
#undef fputc
#undef putc
#undef putchar
#undef fputs
#undef fprintf
#undef vfprintf
#undef fgetc
#undef getc
#undef getchar
#undef ungetc
#undef fgets
#undef feof
#undef ferror
#undef printf
#undef dprintf
#undef vdprintf
#undef snprintf
#undef vsnprintf
#undef puts
#undef fopen
#undef fdopen
#undef freopen
#undef tmpfile
#undef fclose
#undef fileno
#undef flockfile
#undef ftrylockfile
#undef funlockfile
#undef getc_unlocked
#undef getchar_unlocked
#undef putc_unlocked
#undef putchar_unlocked
#undef fread
#undef fwrite
#undef fseek
#undef fseeko
#undef ftell
#undef ftello
#undef rewind
#undef fgetpos
#undef fsetpos
#undef setvbuf
#undef setbuf
#undef setlinebuf
#undef clearerr
#undef getline
#undef getdelim
#undef remove
#undef perror
#undef popen
#undef pclose
#undef tmpnam
#undef vprintf
#undef sprintf
#undef vsprintf
#undef __stdio_list
#undef __stdio_flush_out
#undef __stdio_set_buffer
#undef __stdio_release
#undef __stdio_mode_flags
#undef __stdio_new
#undef __stdio_forget_tmpname
#endif
#undef time
#undef clock
#undef difftime
#undef timespec_get
#undef gettimeofday
#undef tzset
#undef mktime
#undef timegm
#undef gmtime
#undef gmtime_r
#undef localtime
#undef localtime_r
#undef strftime
#undef asctime
#undef asctime_r
#undef ctime
#undef ctime_r

#undef strtod
#undef strtof
#undef strtold
#undef atof
#undef scanf
#undef sscanf
#undef fscanf
#undef vscanf
#undef vsscanf
#undef vfscanf

#undef LIBC_NAMES_UNDO
#endif

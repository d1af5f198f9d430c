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

#undef LIBC_NAMES_UNDO
#endif

/* Errors thrown to JavaScript carry the errno's name as `code` ("ENOENT"),
 * the number as `errno` and the system call as `syscall`, as Node's own do. */
#ifndef KTP_ERRORS_H
#define KTP_ERRORS_H
#include <node_api.h>

/* Throws and returns NULL, so a function can `return ktp_throw_errno(...)`. */
napi_value ktp_throw_errno(napi_env env, int err, const char *syscall);
napi_value ktp_throw_type(napi_env env, const char *message);

/* Argument helpers: each throws a TypeError and returns 0 on a wrong type. */
int ktp_arg_string(napi_env env, napi_value v, char *buf, size_t size);
int ktp_arg_int(napi_env env, napi_value v, int32_t *out);
#endif

/* GPIO through the kernel's character-device uAPI v2 (linux/gpio.h, Linux 5.10+):
 * one input line per request, edge events read from the line's file descriptor
 * as struct gpio_v2_line_event when libuv says it is readable (no polling), and
 * the kernel's own debounce (GPIO_V2_LINE_ATTR_ID_DEBOUNCE: in hardware where
 * the chip has it, else gpiolib-cdev's software debounce). No libgpiod at all:
 * only the kernel's UAPI header, which build-essential brings (linux-libc-dev).
 *
 *   gpioRequestInput(chip: string, offset, consumer, bias, debounceUs) -> { fd, debounceUs }
 *       bias: 0 as-is, 1 pull-up, 2 pull-down, 3 disabled; debounceUs 0 = none.
 *       debounceUs in the result is what the kernel reports it applied.
 *   gpioRead(fd) -> 0 | 1          (the physical level)
 *   gpioWatch(fd, cb) -> handle    cb(err, events): events flat [edge, timeMs, lineSeqno, ...], edge 1 rising, 2 falling
 *   gpioUnwatch(handle)
 *   gpioClose(fd)
 */
#include "errors.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<linux/gpio.h>) && __has_include(<uv.h>)
#include <linux/gpio.h>
#include <uv.h>
#endif
#endif

#ifdef GPIO_V2_GET_LINE_IOCTL

static int xioctl(int fd, unsigned long req, void *arg) {
  int r;
  do r = ioctl(fd, req, arg);
  while (r < 0 && errno == EINTR);
  return r;
}

napi_value ktp_gpio_request_input(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 5) return ktp_throw_type(env, "gpioRequestInput(chip, offset, consumer, bias, debounceUs)");
  char chip[256], consumer[GPIO_MAX_NAME_SIZE + 1];
  int32_t offset, bias, debounce;
  if (!ktp_arg_string(env, argv[0], chip, sizeof chip) || !ktp_arg_int(env, argv[1], &offset) ||
      !ktp_arg_string(env, argv[2], consumer, sizeof consumer) || !ktp_arg_int(env, argv[3], &bias) ||
      !ktp_arg_int(env, argv[4], &debounce))
    return NULL;
  if (offset < 0 || debounce < 0) return ktp_throw_errno(env, EINVAL, "gpio request");

  int cfd = open(chip, O_RDONLY | O_CLOEXEC);
  if (cfd < 0) return ktp_throw_errno(env, errno, "open");

  struct gpio_v2_line_request req;
  memset(&req, 0, sizeof req);
  req.offsets[0] = (uint32_t)offset;
  req.num_lines = 1;
  memcpy(req.consumer, consumer, strnlen(consumer, sizeof req.consumer - 1)); /* the kernel keeps 31 characters */
  req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING | GPIO_V2_LINE_FLAG_EDGE_FALLING;
  if (bias == 1) req.config.flags |= GPIO_V2_LINE_FLAG_BIAS_PULL_UP;
  else if (bias == 2) req.config.flags |= GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN;
  else if (bias == 3) req.config.flags |= GPIO_V2_LINE_FLAG_BIAS_DISABLED;
  if (debounce > 0) {
    req.config.num_attrs = 1;
    req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
    req.config.attrs[0].attr.debounce_period_us = (uint32_t)debounce;
    req.config.attrs[0].mask = 1;
  }
  req.event_buffer_size = 64;
  if (xioctl(cfd, GPIO_V2_GET_LINE_IOCTL, &req) < 0) {
    int err = errno;
    close(cfd);
    return ktp_throw_errno(env, err, "GPIO_V2_GET_LINE_IOCTL");
  }
  /* What the kernel says it applied (a chip may round the debounce period). */
  uint32_t applied = 0;
  struct gpio_v2_line_info li;
  memset(&li, 0, sizeof li);
  li.offset = (uint32_t)offset;
  if (xioctl(cfd, GPIO_V2_GET_LINEINFO_IOCTL, &li) == 0) {
    for (uint32_t i = 0; i < li.num_attrs && i < GPIO_V2_LINE_NUM_ATTRS_MAX; i++)
      if (li.attrs[i].id == GPIO_V2_LINE_ATTR_ID_DEBOUNCE) applied = li.attrs[i].debounce_period_us;
  }
  close(cfd);
  int lfd = req.fd;
  fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
  fcntl(lfd, F_SETFD, FD_CLOEXEC);

  napi_value out, v;
  napi_create_object(env, &out);
  napi_create_int32(env, lfd, &v);
  napi_set_named_property(env, out, "fd", v);
  napi_create_uint32(env, applied, &v);
  napi_set_named_property(env, out, "debounceUs", v);
  return out;
}

napi_value ktp_gpio_read(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd;
  if (argc < 1 || !ktp_arg_int(env, argv[0], &fd)) return NULL;
  struct gpio_v2_line_values vals = {.bits = 0, .mask = 1};
  if (xioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &vals) < 0) return ktp_throw_errno(env, errno, "GPIO_V2_LINE_GET_VALUES_IOCTL");
  napi_value out;
  napi_create_int32(env, (int32_t)(vals.bits & 1), &out);
  return out;
}

typedef struct {
  uv_poll_t poll;
  int fd;
  napi_env env;
  napi_ref cb;
  napi_async_context ctx;
  int stopped;
} watch_t;

static void call_js(watch_t *w, napi_value err, napi_value events) {
  napi_env env = w->env;
  napi_value cb, recv, argv[2], result, undef;
  napi_get_undefined(env, &undef);
  napi_get_reference_value(env, w->cb, &cb);
  napi_get_global(env, &recv);
  argv[0] = err ? err : undef;
  argv[1] = events ? events : undef;
  if (napi_make_callback(env, w->ctx, recv, cb, 2, argv, &result) == napi_pending_exception) {
    napi_value ex;
    napi_get_and_clear_last_exception(env, &ex);
    napi_fatal_exception(env, ex);
  }
}

static napi_value errno_value(napi_env env, int err, const char *syscall) {
  ktp_throw_errno(env, err, syscall);
  napi_value ex;
  napi_get_and_clear_last_exception(env, &ex);
  return ex;
}

static void on_readable(uv_poll_t *h, int status, int events) {
  watch_t *w = h->data;
  if (w->stopped) return;
  napi_handle_scope scope;
  napi_open_handle_scope(w->env, &scope);
  if (status < 0) {
    call_js(w, errno_value(w->env, -status, "poll"), NULL);
    napi_close_handle_scope(w->env, scope);
    return;
  }
  struct gpio_v2_line_event ev[16];
  napi_value arr;
  napi_create_array(w->env, &arr);
  uint32_t n = 0;
  for (;;) {
    ssize_t r = read(w->fd, ev, sizeof ev);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        int err = errno;
        call_js(w, errno_value(w->env, err, "read"), NULL);
        napi_close_handle_scope(w->env, scope);
        return;
      }
      break;
    }
    if (r == 0) break;
    size_t count = (size_t)r / sizeof ev[0];
    for (size_t i = 0; i < count; i++) {
      napi_value v;
      napi_create_uint32(w->env, ev[i].id, &v);
      napi_set_element(w->env, arr, n++, v);
      napi_create_double(w->env, (double)ev[i].timestamp_ns / 1e6, &v);
      napi_set_element(w->env, arr, n++, v);
      napi_create_uint32(w->env, ev[i].line_seqno, &v);
      napi_set_element(w->env, arr, n++, v);
    }
    if (count < sizeof ev / sizeof ev[0]) break;
  }
  if (n > 0) call_js(w, NULL, arr);
  napi_close_handle_scope(w->env, scope);
}

napi_value ktp_gpio_watch(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd;
  if (argc < 2 || !ktp_arg_int(env, argv[0], &fd)) return ktp_throw_type(env, "gpioWatch(fd, callback)");
  napi_valuetype t;
  napi_typeof(env, argv[1], &t);
  if (t != napi_function) return ktp_throw_type(env, "gpioWatch: callback must be a function");
  struct uv_loop_s *loop;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) return ktp_throw_errno(env, ENOSYS, "uv loop");
  watch_t *w = calloc(1, sizeof *w);
  if (!w) return ktp_throw_errno(env, ENOMEM, "gpioWatch");
  w->env = env;
  w->fd = fd;
  napi_create_reference(env, argv[1], 1, &w->cb);
  napi_value name;
  napi_create_string_utf8(env, "ktp:gpio-edge", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, NULL, name, &w->ctx);
  int r = uv_poll_init(loop, &w->poll, fd);
  if (r == 0) r = uv_poll_start(&w->poll, UV_READABLE, on_readable);
  if (r != 0) {
    napi_delete_reference(env, w->cb);
    napi_async_destroy(env, w->ctx);
    free(w);
    return ktp_throw_errno(env, -r, "uv_poll_start");
  }
  w->poll.data = w;
  napi_value handle;
  napi_create_external(env, w, NULL, NULL, &handle);
  return handle;
}

static void on_closed(uv_handle_t *h) { free(h->data); }

napi_value ktp_gpio_unwatch(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  watch_t *w = NULL;
  if (argc < 1 || napi_get_value_external(env, argv[0], (void **)&w) != napi_ok || !w) return ktp_throw_type(env, "gpioUnwatch(handle)");
  if (w->stopped) return NULL;
  w->stopped = 1;
  uv_poll_stop(&w->poll);
  napi_delete_reference(env, w->cb);
  napi_async_destroy(env, w->ctx);
  uv_close((uv_handle_t *)&w->poll, on_closed);
  return NULL;
}

napi_value ktp_gpio_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd;
  if (argc < 1 || !ktp_arg_int(env, argv[0], &fd)) return NULL;
  if (close(fd) < 0 && errno != EINTR) return ktp_throw_errno(env, errno, "close");
  return NULL;
}

napi_value ktp_gpio_supported(napi_env env) {
  napi_value v;
  napi_get_boolean(env, true, &v);
  return v;
}

#else /* no GPIO v2 uAPI in these headers: every call says so */

static napi_value unsupported(napi_env env, napi_callback_info info) {
  return ktp_throw_errno(env, ENOSYS, "GPIO v2 uAPI (linux/gpio.h older than Linux 5.10, or no uv.h)");
}
napi_value ktp_gpio_request_input(napi_env env, napi_callback_info info) { return unsupported(env, info); }
napi_value ktp_gpio_read(napi_env env, napi_callback_info info) { return unsupported(env, info); }
napi_value ktp_gpio_watch(napi_env env, napi_callback_info info) { return unsupported(env, info); }
napi_value ktp_gpio_unwatch(napi_env env, napi_callback_info info) { return unsupported(env, info); }
napi_value ktp_gpio_close(napi_env env, napi_callback_info info) { return unsupported(env, info); }
napi_value ktp_gpio_supported(napi_env env) {
  napi_value v;
  napi_get_boolean(env, false, &v);
  return v;
}
#endif

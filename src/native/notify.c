/* systemd's notification protocol: one datagram on the AF_UNIX socket named by
 * $NOTIFY_SOCKET ("READY=1", "STATUS=…", "WATCHDOG=1"). Node's core has no
 * unix datagram sockets, so this is the one system call it needs:
 *   notify(socketPath: string, message: string | Buffer): number (bytes sent)
 * A path starting with '@' is in the abstract namespace (its '@' becomes NUL). */
#include "errors.h"
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

napi_value ktp_notify(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2) return ktp_throw_type(env, "notify(socketPath, message)");

  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  char path[sizeof addr.sun_path + 1];
  if (!ktp_arg_string(env, argv[0], path, sizeof path)) return NULL;
  size_t plen = strlen(path);
  if (plen == 0 || plen > sizeof addr.sun_path) return ktp_throw_errno(env, ENAMETOOLONG, "connect");
  memcpy(addr.sun_path, path, plen);
  if (path[0] == '@') addr.sun_path[0] = '\0';
  socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen + (path[0] == '@' ? 0 : 1));

  const char *data;
  size_t len;
  char small[4096];
  bool is_buffer = false;
  napi_is_buffer(env, argv[1], &is_buffer);
  if (is_buffer) {
    void *p;
    napi_get_buffer_info(env, argv[1], &p, &len);
    data = p;
  } else {
    if (napi_get_value_string_utf8(env, argv[1], small, sizeof small, &len) != napi_ok) return ktp_throw_type(env, "message: string or Buffer");
    data = small;
  }

  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return ktp_throw_errno(env, errno, "socket");
  ssize_t sent;
  do sent = sendto(fd, data, len, MSG_NOSIGNAL, (struct sockaddr *)&addr, alen);
  while (sent < 0 && errno == EINTR);
  int err = errno;
  close(fd);
  if (sent < 0) return ktp_throw_errno(env, err, "sendto");
  napi_value out;
  napi_create_int64(env, sent, &out);
  return out;
}

/* Whether the kernel considers the system clock synchronised: adjtimex() with
 * no modes only reads, and an NTP client (systemd-timesyncd, chrony, ntpd)
 * clears STA_UNSYNC once it has disciplined the clock — the same test
 * `timedatectl` uses for "System clock synchronized".
 *   clockSync() -> { synchronized: boolean, state: number, maxErrorUs: number }
 * Throws EPERM where a seccomp filter forbids adjtimex altogether (systemd's
 * ProtectClock=yes does, even for reading). */
#include "errors.h"
#include <errno.h>
#include <string.h>
#include <sys/timex.h>

napi_value ktp_clock_sync(napi_env env, napi_callback_info info) {
  struct timex tx;
  memset(&tx, 0, sizeof tx);
  int state = adjtimex(&tx);
  if (state < 0) return ktp_throw_errno(env, errno, "adjtimex");
  napi_value out, v;
  napi_create_object(env, &out);
  napi_get_boolean(env, state != TIME_ERROR && !(tx.status & STA_UNSYNC), &v);
  napi_set_named_property(env, out, "synchronized", v);
  napi_create_int32(env, state, &v);
  napi_set_named_property(env, out, "state", v);
  napi_create_double(env, (double)tx.maxerror, &v);
  napi_set_named_property(env, out, "maxErrorUs", v);
  return out;
}

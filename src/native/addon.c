/* ktp_native: the few Linux system calls the station needs and Node's core
 * does not offer. Optional: scripts/build-native.mjs builds it at `npm install`
 * where a C compiler is present, and the station has a fallback for each part
 * (src/native/load.ts says which). */
#include <node_api.h>

napi_value ktp_notify(napi_env env, napi_callback_info info);
napi_value ktp_gpio_request_input(napi_env env, napi_callback_info info);
napi_value ktp_gpio_read(napi_env env, napi_callback_info info);
napi_value ktp_gpio_watch(napi_env env, napi_callback_info info);
napi_value ktp_gpio_unwatch(napi_env env, napi_callback_info info);
napi_value ktp_gpio_close(napi_env env, napi_callback_info info);
napi_value ktp_gpio_supported(napi_env env);
napi_value ktp_clock_sync(napi_env env, napi_callback_info info);

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"notify", NULL, ktp_notify, NULL, NULL, NULL, napi_enumerable, NULL},
    {"gpioRequestInput", NULL, ktp_gpio_request_input, NULL, NULL, NULL, napi_enumerable, NULL},
    {"gpioRead", NULL, ktp_gpio_read, NULL, NULL, NULL, napi_enumerable, NULL},
    {"gpioWatch", NULL, ktp_gpio_watch, NULL, NULL, NULL, napi_enumerable, NULL},
    {"gpioUnwatch", NULL, ktp_gpio_unwatch, NULL, NULL, NULL, napi_enumerable, NULL},
    {"gpioClose", NULL, ktp_gpio_close, NULL, NULL, NULL, napi_enumerable, NULL},
    {"clockSync", NULL, ktp_clock_sync, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  napi_set_named_property(env, exports, "gpioV2", ktp_gpio_supported(env));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

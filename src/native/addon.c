/* ktp_native: the few Linux system calls the station needs and Node's core
 * does not offer. Optional: scripts/build-native.mjs builds it at `npm install`
 * where a C compiler is present, and the station has a fallback for each part
 * (src/native/load.ts says which). */
#include <node_api.h>

napi_value ktp_notify(napi_env env, napi_callback_info info);

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"notify", NULL, ktp_notify, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

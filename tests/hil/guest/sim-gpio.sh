#!/bin/sh
# In the guest: move a gpio-sim input or read an output line.
#   sim-gpio.sh up|down LINE     pull an input line high or low
#   sim-gpio.sh get LINE         print the level a consumer drives on LINE
set -eu
dir="${KTP_HIL_GPIO_SIM:?run inside scripts/hil/run.sh}/sim_gpio${2:?line number}"
case "$1" in
  up|down) echo "pull-$1" > "$dir/pull" ;;
  get) cat "$dir/value" ;;
  *) echo "usage: $0 up|down|get LINE" >&2; exit 2 ;;
esac

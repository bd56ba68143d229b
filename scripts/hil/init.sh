#!/bin/busybox sh
# /init of the VM tier's initramfs (packed by build.sh, booted by run.sh).
# Loads the modules, makes the simulated devices, mounts the host read-only with
# the checkout read-write at its own path, runs /io/cmd.sh (bash) under chroot and
# prints KTP-HIL-EXIT=<code> before powering off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

fail() { echo "hil-init: $*" > /dev/console; echo "KTP-HIL-EXIT=125" > /dev/console; poweroff -f; }

while read -r mod; do
  [ "$mod" = i2c-stub.ko ] && continue  # loaded below with its addresses
  insmod "/modules/$mod" || fail "insmod $mod failed"
done < /modules/order

mkdir -p /io
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 ktpio /io || fail "no ktpio share"
. /io/boot.env
KTP_I2C_ADDRS=${KTP_I2C_ADDRS:-0x40,0x70}
insmod /modules/i2c-stub.ko chip_addr="$KTP_I2C_ADDRS" || fail "i2c-stub chip_addr=$KTP_I2C_ADDRS"

# A gpio-sim chip: one bank, labelled so drivers and onoff can find it.
mount -t configfs none /sys/kernel/config
SIM=/sys/kernel/config/gpio-sim/ktp
mkdir -p $SIM/bank0
echo "${KTP_GPIO_LINES:-16}" > $SIM/bank0/num_lines
echo ktp-sim > $SIM/bank0/label
echo 1 > $SIM/live || fail "gpio-sim chip did not go live"
CHIP=$(cat $SIM/bank0/chip_name)
SIMDEV=$(cat $SIM/dev_name)

mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /newroot || fail "no hostroot share"
mount -t proc proc /newroot/proc
mount -t sysfs sys /newroot/sys
mount -t configfs none /newroot/sys/kernel/config
mount -t devtmpfs dev /newroot/dev
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts devpts /newroot/dev/pts
mount -t tmpfs tmp /newroot/dev/shm
mount -t tmpfs tmp /newroot/tmp
mount -t tmpfs run /newroot/run
mkdir -p /newroot/run/ktp-hil /newroot/tmp/home
mount --bind /io /newroot/run/ktp-hil
# The checkout last, so a checkout under /tmp or /run is not hidden by the tmpfs mounts above
# (the mount point is made in the tmpfs then).
mkdir -p "/newroot$KTP_CHECKOUT" 2>/dev/null || true
mount -t 9p -o trans=virtio,version=9p2000.L,cache=loose,noatime,msize=512000 checkout "/newroot$KTP_CHECKOUT" || fail "no checkout share at $KTP_CHECKOUT"

I2C=$(for d in /sys/class/i2c-dev/*; do grep -q 'SMBus stub' "$d/device/name" 2>/dev/null && basename "$d"; done | head -n1)
cat > /newroot/run/ktp-hil/guest.env <<ENV
KTP_HIL=1
KTP_HIL_I2C_BUS=${I2C#i2c-}
KTP_HIL_I2C_ADDRS=$KTP_I2C_ADDRS
KTP_HIL_GPIO_CHIP=$CHIP
KTP_HIL_GPIO_LABEL=ktp-sim
KTP_HIL_GPIO_LINES=${KTP_GPIO_LINES:-16}
KTP_HIL_GPIO_SIM=/sys/devices/platform/$SIMDEV/$CHIP
KTP_HIL_UART_A=/dev/ttyS1
KTP_HIL_UART_B=/dev/ttyS2
ENV

chroot /newroot /usr/bin/env -i HOME=/tmp/home TERM=dumb LANG=C.UTF-8 \
  PATH="$KTP_NODE_DIR:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  /bin/sh -c 'set -a; . /run/ktp-hil/guest.env; set +a; exec /bin/bash /run/ktp-hil/cmd.sh' \
  < /dev/console > /dev/console 2>&1
rc=$?
echo "$rc" > /io/exit-code
sync
echo "KTP-HIL-EXIT=$rc" > /dev/console
poweroff -f

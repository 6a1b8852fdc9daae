# CMake toolchain file for Debian's bare-metal Arm compiler (packages
# gcc-arm-none-eabi, libnewlib-arm-none-eabi, libstdc++-arm-none-eabi-newlib).
#
# INGOT_ARM_CPU picks the processor and its floating-point and vector units:
#   cortex-m4   -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard
#   cortex-m7   -mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard
#   cortex-m55  -mcpu=cortex-m55 -mfloat-abi=hard (FPU and MVE, -mfpu=auto)
# The flags go into every compile and link, try_compile's included, so the
# compiler and newlib's multilib always agree on the float ABI.
#
#   cmake -G Ninja -S benchmarks/cortex-m -B build-m4 \
#     -DCMAKE_TOOLCHAIN_FILE=benchmarks/cortex-m/arm-none-eabi.cmake \
#     -DINGOT_ARM_CPU=cortex-m4
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(INGOT_ARM_CPU cortex-m4 CACHE STRING "cortex-m4, cortex-m7 or cortex-m55")
# try_compile projects run this file again; hand the choice down to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES INGOT_ARM_CPU)

if(INGOT_ARM_CPU STREQUAL "cortex-m4")
  set(_ingot_fpu "-mfpu=fpv4-sp-d16")
elseif(INGOT_ARM_CPU STREQUAL "cortex-m7")
  set(_ingot_fpu "-mfpu=fpv5-d16")
elseif(INGOT_ARM_CPU STREQUAL "cortex-m55")
  set(_ingot_fpu "") # -mfpu=auto: the FPU and MVE the core has
else()
  message(FATAL_ERROR "INGOT_ARM_CPU must be cortex-m4, cortex-m7 or "
                      "cortex-m55, not '${INGOT_ARM_CPU}'")
endif()
set(_ingot_cpu_flags
    "-mcpu=${INGOT_ARM_CPU} -mthumb ${_ingot_fpu} -mfloat-abi=hard")

find_program(INGOT_ARM_GCC arm-none-eabi-gcc REQUIRED)
find_program(INGOT_ARM_GXX arm-none-eabi-g++ REQUIRED)
set(CMAKE_C_COMPILER ${INGOT_ARM_GCC})
set(CMAKE_CXX_COMPILER ${INGOT_ARM_GXX})
set(CMAKE_ASM_COMPILER ${INGOT_ARM_GCC})

set(CMAKE_C_FLAGS_INIT "${_ingot_cpu_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_ingot_cpu_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_ingot_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "${_ingot_cpu_flags} --specs=nano.specs --specs=nosys.specs")

# There is no startup code until the project brings its own: test the
# compilers by building a static library rather than a program.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Headers and libraries come from the cross toolchain, programs from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# What `cmake --install build --prefix P` puts in P:
#   bin/ingot
#   include/ingot/runtime/...            the header-only runtime
#   lib/cmake/ingot/                     the package: ingotConfig.cmake,
#                                        ingotConfigVersion.cmake, the
#                                        exported targets, ingot_add_model()
#   share/ingot/toolchains/arm-none-eabi.cmake
#   share/ingot/qemu/                    startup code, semihosting console and
#                                        linker scripts for QEMU's mps2-an386,
#                                        mps2-an500 and mps3-an547 boards
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(INGOT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/ingot)
set(INGOT_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/ingot)

set_target_properties(ingot_runtime PROPERTIES EXPORT_NAME runtime)
target_include_directories(ingot_runtime INTERFACE
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS ingot ingot_runtime EXPORT ingotTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT ingotTargets NAMESPACE ingot::
  DESTINATION ${INGOT_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/ingotConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/ingotConfig.cmake
  INSTALL_DESTINATION ${INGOT_INSTALL_CMAKEDIR}
  PATH_VARS INGOT_INSTALL_DATADIR)
# A newer minor version keeps the CMake interface; 0.x releases may not, so a
# project asks for the minor version it was written for.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/ingotConfigVersion.cmake
  COMPATIBILITY SameMinorVersion
  # ingot runs on the build machine: a 32-bit cross build uses it too.
  ARCH_INDEPENDENT)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/ingotConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/ingotConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/ingotAddModel.cmake
  DESTINATION ${INGOT_INSTALL_CMAKEDIR})

set(cortex_m ${PROJECT_SOURCE_DIR}/benchmarks/cortex-m)
install(FILES ${cortex_m}/arm-none-eabi.cmake
  DESTINATION ${INGOT_INSTALL_DATADIR}/toolchains)
install(FILES
  ${cortex_m}/startup.c ${cortex_m}/startup.h
  ${cortex_m}/semihosting.c ${cortex_m}/semihosting.h
  ${cortex_m}/counter.c ${cortex_m}/counter.h
  ${cortex_m}/mps2.ld ${cortex_m}/mps3-an547.ld ${cortex_m}/sections.ld
  DESTINATION ${INGOT_INSTALL_DATADIR}/qemu)

# What `cmake --install` adds beyond each target's own rules: the headers,
# the CMake package (find_package(Frugal), frugal_instrument) and the
# pkg-config file. Everything is found relative to the prefix, so an
# installed tree can be moved.
include(CMakePackageConfigHelpers)

set(FRUGAL_RT_VERSION "${PROJECT_VERSION}")
if(NOT FRUGAL_RT_VERSION)
  set(FRUGAL_RT_VERSION "0.1.0")
endif()

install(FILES include/frugal/abi.h include/frugal/frugal.h
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/frugal")

set(FRUGAL_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/Frugal")
set(FRUGAL_PLUGIN_INSTALL_PATH "${CMAKE_INSTALL_LIBDIR}/FrugalPass.so")
configure_package_config_file(cmake/FrugalConfig.cmake.in
  "${CMAKE_BINARY_DIR}/cmake/FrugalConfig.cmake"
  INSTALL_DESTINATION "${FRUGAL_CMAKE_INSTALL_DIR}"
  PATH_VARS FRUGAL_PLUGIN_INSTALL_PATH CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  "${CMAKE_BINARY_DIR}/cmake/FrugalConfigVersion.cmake"
  VERSION "${FRUGAL_RT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_BINARY_DIR}/cmake/FrugalConfig.cmake"
              "${CMAKE_BINARY_DIR}/cmake/FrugalConfigVersion.cmake"
        DESTINATION "${FRUGAL_CMAKE_INSTALL_DIR}")
install(EXPORT FrugalTargets NAMESPACE Frugal::
        DESTINATION "${FRUGAL_CMAKE_INSTALL_DIR}")

# pkg-config's prefix is relative to the .pc file (pcfiledir), so that a
# moved install still works.
file(RELATIVE_PATH FRUGAL_PC_UP "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" FRUGAL_PC_UP "${FRUGAL_PC_UP}")
set(FRUGAL_PC_PREFIX "\${pcfiledir}/${FRUGAL_PC_UP}")
configure_file(cmake/frugal.pc.in "${CMAKE_BINARY_DIR}/cmake/frugal.pc" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/cmake/frugal.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

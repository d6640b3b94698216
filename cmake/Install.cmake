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
# The package twice: for the install, and for the build tree, whose layout
# (bin/, lib/, include/) is the install's, so that find_package(Frugal)
# with CMAKE_PREFIX_PATH=<build dir> works before installing. A function
# keeps each one's paths to itself.
function(frugal_write_package_config prefix libdir includedir output_dir)
  set(FRUGAL_PLUGIN_PATH "${libdir}/FrugalPass.so")
  set(FRUGAL_PACKAGE_INCLUDEDIR "${includedir}")
  configure_package_config_file(cmake/FrugalConfig.cmake.in
    "${output_dir}/FrugalConfig.cmake"
    INSTALL_DESTINATION "${libdir}/cmake/Frugal"
    INSTALL_PREFIX "${prefix}"
    PATH_VARS FRUGAL_PLUGIN_PATH FRUGAL_PACKAGE_INCLUDEDIR)
  write_basic_package_version_file("${output_dir}/FrugalConfigVersion.cmake"
    VERSION "${FRUGAL_RT_VERSION}" COMPATIBILITY SameMinorVersion)
endfunction()
# Older builds wrote the install's package files to <build>/cmake, where
# find_package(Frugal) with CMAKE_PREFIX_PATH=<build> would still find them
# first: a build directory reused across versions must not keep them.
file(REMOVE "${CMAKE_BINARY_DIR}/cmake/FrugalConfig.cmake"
            "${CMAKE_BINARY_DIR}/cmake/FrugalConfigVersion.cmake"
            "${CMAKE_BINARY_DIR}/cmake/frugal.pc")
frugal_write_package_config("${CMAKE_INSTALL_PREFIX}" "${CMAKE_INSTALL_LIBDIR}"
  "${CMAKE_INSTALL_INCLUDEDIR}" "${CMAKE_BINARY_DIR}/cmake/install")
frugal_write_package_config("${CMAKE_BINARY_DIR}" lib include
  "${CMAKE_BINARY_DIR}/lib/cmake/Frugal")
export(EXPORT FrugalTargets NAMESPACE Frugal::
       FILE "${CMAKE_BINARY_DIR}/lib/cmake/Frugal/FrugalTargets.cmake")
install(FILES "${CMAKE_BINARY_DIR}/cmake/install/FrugalConfig.cmake"
              "${CMAKE_BINARY_DIR}/cmake/install/FrugalConfigVersion.cmake"
        DESTINATION "${FRUGAL_CMAKE_INSTALL_DIR}")
install(EXPORT FrugalTargets NAMESPACE Frugal::
        DESTINATION "${FRUGAL_CMAKE_INSTALL_DIR}")

# pkg-config's prefix is relative to the .pc file (pcfiledir), so that a
# moved install still works; the build tree has one too, in the same place.
function(frugal_write_pkg_config libdir includedir output)
  set(CMAKE_INSTALL_LIBDIR "${libdir}")
  set(CMAKE_INSTALL_INCLUDEDIR "${includedir}")
  file(RELATIVE_PATH up "/${libdir}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" up "${up}")
  set(FRUGAL_PC_PREFIX "\${pcfiledir}/${up}")
  configure_file(cmake/frugal.pc.in "${output}" @ONLY)
endfunction()
frugal_write_pkg_config("${CMAKE_INSTALL_LIBDIR}" "${CMAKE_INSTALL_INCLUDEDIR}"
  "${CMAKE_BINARY_DIR}/cmake/install/frugal.pc")
frugal_write_pkg_config(lib include "${CMAKE_BINARY_DIR}/lib/pkgconfig/frugal.pc")
install(FILES "${CMAKE_BINARY_DIR}/cmake/install/frugal.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# What `cmake --install` puts where, and the packages CPack makes of it (`./dev package`).
# Linux: the binary, the desktop file, AppStream metainfo, the icon in every hicolor size, the licences; a .deb
# (dependencies found by dpkg-shlibdeps) and a .tar.gz. packaging/README.md says what is built and checked where.
include(GNUInstallDirs)

install(TARGETS burnrate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

if(UNIX AND NOT APPLE)
    set(burnrate_packaging_dir "${PROJECT_BINARY_DIR}/packaging")
    configure_file(packaging/linux/burnrate.desktop.in "${burnrate_packaging_dir}/${BURNRATE_APP_ID}.desktop" @ONLY)
    configure_file(packaging/linux/burnrate.metainfo.xml.in "${burnrate_packaging_dir}/${BURNRATE_APP_ID}.metainfo.xml"
                   @ONLY)
    install(FILES "${burnrate_packaging_dir}/${BURNRATE_APP_ID}.desktop"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES "${burnrate_packaging_dir}/${BURNRATE_APP_ID}.metainfo.xml"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    foreach(size 16 22 24 32 48 64 128 256 512)
        install(FILES resources/icons/burnrate-${size}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
                RENAME ${BURNRATE_APP_ID}.png)
    endforeach()
    install(FILES resources/icons/burnrate.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
            RENAME ${BURNRATE_APP_ID}.svg)
    # Debian's place for the licence of a package is /usr/share/doc/<package>/copyright; the full texts it names
    # are in /usr/share/common-licenses, except the notices of the bundled price data.
    install(FILES packaging/linux/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/burnrate)
    install(FILES THIRD-PARTY-NOTICES.md pricing/LICENSE-genai-prices pricing/THIRD_PARTY_NOTICES
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/burnrate)
    # Debian wants the changelog gzip-compressed at the highest level, without a time stamp (gzip -n).
    configure_file(packaging/linux/changelog.Debian.in "${burnrate_packaging_dir}/changelog.Debian" @ONLY)
    find_program(GZIP_EXE gzip REQUIRED)
    execute_process(COMMAND "${GZIP_EXE}" -9 -n -c "${burnrate_packaging_dir}/changelog.Debian"
                    OUTPUT_FILE "${burnrate_packaging_dir}/changelog.Debian.gz" COMMAND_ERROR_IS_FATAL ANY)
    install(FILES "${burnrate_packaging_dir}/changelog.Debian.gz" DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/burnrate)
endif()

set(CPACK_PACKAGE_NAME burnrate)
set(CPACK_PACKAGE_VENDOR "The Burnrate developers")
set(CPACK_PACKAGE_CONTACT "The Burnrate developers <burnrate@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_SOURCE_DIR}/build/package")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR TGZ)

if(UNIX AND NOT APPLE)
    list(APPEND CPACK_GENERATOR DEB)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # The keychain is reached through the Secret Service: gnome-keyring provides it on most desktops.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring")
    # Time zones by name (Settings > Calendar) need the zone database; the libraries' dependencies do not bring it.
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
    # The package's first revision of each version: Debian reads a version without one as a native package.
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
        "A desktop app that shows what your own AI API keys cost: provider keys in the\nsystem keychain, usage and billed costs from OpenAI, Anthropic, OpenRouter and\nDeepSeek, Claude Code and Codex CLI logs, exact local pricing, budgets with a\ntray ring and desktop notifications.")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()

include(CPack)

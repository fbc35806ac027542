# What `cmake --install` puts where, and the packages CPack makes of it.
#   Linux (`./dev package`): the binary, the desktop file, AppStream metainfo, the icon in every hicolor size, the
#     licences; a .deb (dependencies found by dpkg-shlibdeps) and a .tar.gz.
#   macOS: Burnrate.app with Qt and the licences inside it, signed ad hoc; a DMG (CPack DragNDrop).
#   Windows: burnrate.exe and burnrate-cli.exe with Qt and the MSVC runtime beside them, the licences; an MSI (CPack
#     WIX) with a Start menu shortcut.
# The macOS and Windows packages are built by .github/workflows/release.yml, not by ./dev. packaging/README.md says
# what is built and checked where.
include(GNUInstallDirs)

if(APPLE)
    install(TARGETS burnrate BUNDLE DESTINATION .)
elseif(WIN32)
    install(TARGETS burnrate burnrate-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
else()
    install(TARGETS burnrate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

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
    # The manual page, made from `burnrate --help` and `--version` by help2man when it is installed (`./dev package`
    # installs it), so that it never drifts from the built-in help. Debian wants one for every program in /usr/bin.
    find_program(HELP2MAN_EXE help2man)
    if(HELP2MAN_EXE)
        set(burnrate_manpage "${burnrate_packaging_dir}/burnrate.1")
        add_custom_command(OUTPUT "${burnrate_manpage}.gz"
                           COMMAND "${HELP2MAN_EXE}" --no-info --section=1 "--name=${PROJECT_DESCRIPTION}"
                                   "--output=${burnrate_manpage}" $<TARGET_FILE:burnrate>
                           COMMAND "${GZIP_EXE}" -9 -n -f "${burnrate_manpage}"
                           DEPENDS burnrate
                           COMMENT "Writing the manual page from burnrate --help")
        add_custom_target(burnrate_manpage ALL DEPENDS "${burnrate_manpage}.gz")
        install(FILES "${burnrate_manpage}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endif()
endif()

if(APPLE OR WIN32)
    # The licences go with the program (THIRD-PARTY-NOTICES.md): inside the bundle on macOS, so that they are copied
    # out of the DMG with it; in the install folder on Windows.
    if(APPLE)
        set(burnrate_licence_dir "$<TARGET_BUNDLE_DIR_NAME:burnrate>/Contents/Resources")
    else()
        set(burnrate_licence_dir .)
    endif()
    install(FILES LICENSE THIRD-PARTY-NOTICES.md pricing/LICENSE-genai-prices pricing/THIRD_PARTY_NOTICES
            DESTINATION "${burnrate_licence_dir}")
    install(DIRECTORY licenses DESTINATION "${burnrate_licence_dir}")

    # Qt's libraries and plugins go with the program: the script runs macdeployqt or windeployqt at install time.
    # QtKeychain, SQLite and simdjson are static libraries in these builds (the workflows build them so; macOS has
    # SQLite itself), which leaves Qt, and on Windows the compiler's runtime, to deploy. The app has no translations,
    # so Qt's own would only half translate it.
    if(Qt6_VERSION VERSION_LESS 6.5)
        message(STATUS "Qt ${Qt6_VERSION}: the install does not deploy Qt (qt_generate_deploy_app_script needs 6.5)")
    else()
        qt_generate_deploy_app_script(TARGET burnrate OUTPUT_SCRIPT burnrate_deploy_script
                                      NO_TRANSLATIONS NO_COMPILER_RUNTIME NO_UNSUPPORTED_PLATFORM_ERROR)
        install(SCRIPT "${burnrate_deploy_script}")
    endif()

    if(WIN32)
        # The MSVC runtime (vcruntime140, msvcp140) beside the program, so that it starts on a Windows without the
        # Visual C++ Redistributable.
        set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
        include(InstallRequiredSystemLibraries)
    endif()

    if(APPLE)
        # Deploying rewrites the install names of the bundled libraries, which breaks their signatures, and macOS on
        # ARM64 runs no unsigned code: the whole bundle is signed again, last, ad hoc (no identity, not notarised).
        install(CODE [[
            set(burnrate_bundle "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/$<TARGET_BUNDLE_DIR_NAME:burnrate>")
            execute_process(COMMAND codesign --force --deep --sign - "${burnrate_bundle}" COMMAND_ERROR_IS_FATAL ANY)
        ]])
    endif()
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

if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_PACKAGE_NAME Burnrate)
    set(CPACK_PACKAGE_FILE_NAME "Burnrate-${PROJECT_VERSION}-macOS-${CMAKE_SYSTEM_PROCESSOR}")
    set(CPACK_DMG_VOLUME_NAME Burnrate)
    # The image opens on the app and a link to /Applications; no licence to agree to first (the GPL asks for none).
    set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
endif()

if(WIN32)
    set(CPACK_GENERATOR WIX)
    set(CPACK_PACKAGE_NAME Burnrate)
    set(CPACK_PACKAGE_FILE_NAME "Burnrate-${PROJECT_VERSION}-windows-x64")
    set(CPACK_PACKAGE_INSTALL_DIRECTORY Burnrate)
    # The upgrade code of every Burnrate MSI, so that a newer one replaces an installed older one. Never change it.
    set(CPACK_WIX_UPGRADE_GUID "9CE67C8B-C278-415D-B2C7-F187DBA69E20")
    set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/resources/icons/burnrate.ico")
    set(CPACK_WIX_INSTALL_SCOPE perMachine)
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")
    # A "Burnrate" shortcut to bin/burnrate.exe right in the Start menu (no folder of its own).
    set(CPACK_PACKAGE_EXECUTABLES burnrate Burnrate)
    set(CPACK_WIX_PROGRAM_MENU_FOLDER .)
    # The installer shows the licence, which WiX takes as .txt or .rtf only.
    configure_file(LICENSE "${PROJECT_BINARY_DIR}/packaging/LICENSE.txt" COPYONLY)
    set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_BINARY_DIR}/packaging/LICENSE.txt")
endif()

include(CPack)

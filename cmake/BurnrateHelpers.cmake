# Project-wide helpers: compile options applied per target, the test helper and the format targets.

# Apply the warning set and sanitizer flags to one target.
# Tests pass TEST: they may build QStrings from string literals, for readable data tables.
function(burnrate_target_defaults target)
    cmake_parse_arguments(ARG "TEST" "" "" ${ARGN})
    if(MSVC)
        # Level 4 warnings; sources are UTF-8; __cplusplus tells the truth; standard conformance; the Windows
        # headers leave std::min and std::max alone.
        target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:/W4 /utf-8 /Zc:__cplusplus /permissive->)
        target_compile_definitions(${target} PRIVATE NOMINMAX WIN32_LEAN_AND_MEAN UNICODE _UNICODE)
        if(BURNRATE_WERROR)
            target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:/WX>)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                                                 -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
        if(BURNRATE_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
                                                 QT_NO_CAST_FROM_BYTEARRAY QT_STRICT_ITERATORS QT_NO_KEYWORDS)
    if(NOT ARG_TEST)
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII)
    endif()
    if(BURNRATE_FUZZ)
        # libFuzzer's coverage instrumentation everywhere; only the fuzz executables link libFuzzer itself
        # (tests/fuzz/CMakeLists.txt).
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    elseif(ENABLE_ASAN)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# burnrate_add_module(NAME SOURCES <files...> LINKS <targets...>)
# One static library per folder of core/: burnrate_<NAME>, linking (publicly) what it names. Its headers are
# included by their module path ("ledger/ledger.h") from core/.
function(burnrate_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    add_library(burnrate_${name} STATIC ${ARG_SOURCES})
    target_include_directories(burnrate_${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(burnrate_${name} PUBLIC ${ARG_LINKS})
    burnrate_target_defaults(burnrate_${name})
endfunction()

# burnrate_add_test(NAME <name> SOURCES <files...> LIBRARIES <libs...> [LABELS <labels...>] [GUI])
# One executable per unit, linking only what it tests plus Qt Test and the paths of tests/fixtures
# (burnrate_test_fixtures, header-only).
function(burnrate_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBRARIES} burnrate_test_fixtures Qt6::Test)
    # BURNRATE_EXE: the app's binary for tests that run it (inside the bundle on macOS).
    target_compile_definitions(${ARG_NAME} PRIVATE
        BURNRATE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        BURNRATE_BINARY_DIR="${PROJECT_BINARY_DIR}"
        BURNRATE_EXE="$<TARGET_FILE:burnrate>")
    burnrate_target_defaults(${ARG_NAME} TEST)
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    set(env "LANG=C.UTF-8" "QT_LOGGING_RULES=qt.qpa.*=false")
    if(NOT ARG_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    # ASan and UBSan make the heaviest tests (the provider backfills) several times slower.
    if(ENABLE_ASAN)
        set(timeout 900)
    else()
        set(timeout 300)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${env}" LABELS "${ARG_LABELS}" TIMEOUT ${timeout})
endfunction()

function(burnrate_add_format_targets)
    find_program(CLANG_FORMAT_EXE NAMES clang-format-14 clang-format)
    if(NOT CLANG_FORMAT_EXE)
        return()
    endif()
    file(GLOB_RECURSE format_sources CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
        ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
        ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h ${PROJECT_SOURCE_DIR}/ui/*.mm
        ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
        ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h)
    add_custom_target(format COMMAND ${CLANG_FORMAT_EXE} -i ${format_sources}
                      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "Formatting sources")
    add_custom_target(format-check COMMAND ${CLANG_FORMAT_EXE} --dry-run --Werror ${format_sources}
                      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "Checking formatting")
endfunction()

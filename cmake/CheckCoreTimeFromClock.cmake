# Fails when a file under core/ other than util/clock.h reads the time of day itself instead of asking its Clock.
# Durations and timeouts (QElapsedTimer, QTimer, steady clocks) are not the time of day and pass.
file(GLOB_RECURSE files "${ROOT}/*.h" "${ROOT}/*.cpp")
foreach(f IN LISTS files)
    if(f STREQUAL "${ROOT}/util/clock.h")
        continue()
    endif()
    file(STRINGS "${f}" hits REGEX "(QDateTime::currentDateTime|QDateTime::currentMSecsSinceEpoch|QDateTime::currentSecsSinceEpoch|QDate::currentDate|QTime::currentTime|system_clock|std::time\\(|[^a-zA-Z_:.]time\\(nullptr\\)|gettimeofday|clock_gettime\\(CLOCK_REALTIME)")
    if(hits)
        message(FATAL_ERROR "core/ reads the time only through a Clock (util/clock.h): ${f}: ${hits}")
    endif()
endforeach()

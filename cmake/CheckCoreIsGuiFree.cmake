# Fails when a file under core/ includes a Qt Gui or Widgets header.
file(GLOB_RECURSE files "${ROOT}/*.h" "${ROOT}/*.cpp")
foreach(f IN LISTS files)
    file(STRINGS "${f}" hits REGEX "#include[ \t]*<(QtGui|QtWidgets|QWidget|QApplication|QGuiApplication|QPixmap|QImage|QIcon|QPainter|QSystemTrayIcon|QColor|QFont)[/>]")
    if(hits)
        message(FATAL_ERROR "core/ must not include Gui or Widgets headers: ${f}: ${hits}")
    endif()
endforeach()

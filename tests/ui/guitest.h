#ifndef BURNRATE_TESTS_UI_GUITEST_H
#define BURNRATE_TESTS_UI_GUITEST_H

// Shared by the desktop tests that need a real display and tray: they run inside the real-parts harness
// (tests/support/harness/with-harness.sh, which exports BURNRATE_HARNESS=1). Outside it they skip; inside it a
// missing display or tray is a failure.

#include <QApplication>
#include <QTest>

namespace burnrate::test {

inline bool inHarness()
{
    return !qEnvironmentVariableIsEmpty("BURNRATE_HARNESS");
}

} // namespace burnrate::test

// For initTestCase(): skips the whole test outside the harness, and insists on the real X display inside it.
#define BURNRATE_REQUIRE_HARNESS()                                                                                     \
    do {                                                                                                               \
        if (!burnrate::test::inHarness()) {                                                                            \
            QSKIP("needs the real-parts harness (Xvfb + trayer): run through ./dev test or "                           \
                  "tests/support/harness/with-harness.sh ctest");                                                      \
        }                                                                                                              \
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));                                              \
    } while (false)

// main() for a harness test: headless outside the harness (where the test only skips), the real DISPLAY inside.
#define BURNRATE_GUI_TEST_MAIN(TestClass)                                                                              \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (!burnrate::test::inHarness()) {                                                                            \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                                                   \
        }                                                                                                              \
        QApplication app(argc, argv);                                                                                  \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

#endif // BURNRATE_TESTS_UI_GUITEST_H

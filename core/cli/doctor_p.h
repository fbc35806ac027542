#ifndef BURNRATE_CORE_CLI_DOCTOR_P_H
#define BURNRATE_CORE_CLI_DOCTOR_P_H

// What `burnrate doctor` is made of: one check and its outcome, shared by doctorcommand.cpp and the desktop checks
// of each system (doctordesktop_linux.cpp, doctordesktop_other.cpp). Not part of any interface.

#include <QList>
#include <QString>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace burnrate::cli::detail {

struct DoctorCheck
{
    enum class Status
    {
        Ok,
        Warn, // works, but needs attention
        Fail  // broken: the command exits 1
    };
    // A value of an extra JSON field; std::monostate is null.
    using Value = std::variant<std::monostate, QString, std::int64_t, bool>;

    QString name;
    Status status = Status::Ok;
    QString detail; // one line
    QList<std::pair<std::string, Value>> fields;

    DoctorCheck &field(std::string key, Value value)
    {
        fields.append({std::move(key), std::move(value)});
        return *this;
    }
};

// The tray and notification checks of this system: the command line has no GUI, so they ask what the desktop
// offers (on Linux the session D-Bus) without showing anything.
QList<DoctorCheck> desktopChecks();

} // namespace burnrate::cli::detail

#endif // BURNRATE_CORE_CLI_DOCTOR_P_H

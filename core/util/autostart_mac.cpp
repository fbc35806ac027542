// The autostart entry on macOS: a LaunchAgent of the user's, which launchd reads at every login and, with
// RunAtLoad, starts at once. The program is the executable inside the bundle, so the agent follows the bundle's
// place when it was written (moving the app afterwards needs the entry written again).
#include "util/appinfo.h"
#include "util/autostart.h"
#include "util/autostart_p.h"

#include <QDir>
#include <QFile>
#include <QXmlStreamWriter>

namespace burnrate {

bool Autostart::supported()
{
    return true;
}

QString Autostart::entryPath()
{
    return QDir::home().filePath(QStringLiteral("Library/LaunchAgents/") + appId() + QStringLiteral(".plist"));
}

bool Autostart::isEnabled() const
{
    return QFile::exists(entryPath());
}

Status Autostart::setEnabled(bool enabled)
{
    QByteArray plist;
    // A property list (launchd.plist(5)): the label is the app id; AssociatedBundleIdentifiers names the app in
    // System Settings > Login Items; Interactive asks launchd for the resources of an app the user works with.
    QXmlStreamWriter xml(&plist);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                                "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"));
    xml.writeStartElement(QStringLiteral("plist"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.0"));
    xml.writeStartElement(QStringLiteral("dict"));
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("Label"));
    xml.writeTextElement(QStringLiteral("string"), appId());
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("ProgramArguments"));
    xml.writeStartElement(QStringLiteral("array"));
    xml.writeTextElement(QStringLiteral("string"), m_executable);
    xml.writeEndElement(); // array
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("RunAtLoad"));
    xml.writeEmptyElement(QStringLiteral("true"));
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("ProcessType"));
    xml.writeTextElement(QStringLiteral("string"), QStringLiteral("Interactive"));
    xml.writeTextElement(QStringLiteral("key"), QStringLiteral("AssociatedBundleIdentifiers"));
    xml.writeTextElement(QStringLiteral("string"), appId());
    xml.writeEndElement(); // dict
    xml.writeEndElement(); // plist
    xml.writeEndDocument();
    return detail::setEntryFile(entryPath(), enabled, plist);
}

} // namespace burnrate

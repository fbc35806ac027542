#include "jobs/jobslog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcJobs, "burnrate.jobs", QtInfoMsg)

} // namespace burnrate

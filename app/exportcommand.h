#pragma once

#include <QStringList>

namespace rolescope {

// `rolescope export [FILE] -o OUT [options]`: renders a chart to PNG, SVG or PDF (chosen by
// OUT's extension) with the window's card painter and no display. ARGUMENTS are the whole
// command line, program name first. Returns the exit code: 0 written, 1 model errors, 2 usage
// error, 3 the model could not be read or the output could not be written (unknown
// extension, unwritable place, too large), in which case an existing OUT is left untouched.
int runExportCommand(const QStringList &arguments);

} // namespace rolescope

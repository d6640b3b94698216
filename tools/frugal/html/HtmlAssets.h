//===- HtmlAssets.h - The HTML report's page, embedded ----------*- C++ -*-===//
//
// Defined in HtmlAssets.cpp, which embed.js generates at build time from
// page.html, our scripts and the charting library that npm ci installs
// (tools/frugal/html/CMakeLists.txt). Each text is a null-terminated array
// of chunks, to be written one after another.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_HTML_HTMLASSETS_H
#define FRUGAL_TOOLS_FRUGAL_HTML_HTMLASSETS_H

namespace frugal::html {

/// page.html, with <!--frugal:NAME--> where Html.cpp puts the title, the
/// data, the library, its version and our script.
extern const char *const PageTemplate[];
/// Apache ECharts' minified build (dist/echarts.min.js).
extern const char *const ChartLibrary[];
/// Our scripts, concatenated into one function scope.
extern const char *const PageScript[];
/// The version of ECharts that ChartLibrary is.
extern const char ChartLibraryVersion[];

} // namespace frugal::html

#endif // FRUGAL_TOOLS_FRUGAL_HTML_HTMLASSETS_H

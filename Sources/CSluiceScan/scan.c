// CSluiceScan is header-only (its functions are inline for Swift's optimizer); SwiftPM wants a source file.
#include "CSluiceScan.h"

#ifndef FIREBREAK_CMARK_GFM_SHIM_H
#define FIREBREAK_CMARK_GFM_SHIM_H
// GitHub's cmark-gfm with its table, strikethrough, autolink and task-list extensions.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#endif

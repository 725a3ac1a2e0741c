/* main.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "apl-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AplApplication) app = NULL;

  /* A write past the file size limit (ulimit -f) must fail with EFBIG,
   * which the store reports as a full disk, not kill us mid-save. */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = apl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* launch.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs one program and measures it from outside, the same way for Aplomb
 * and for its floor, so neither needs a hook:
 *
 *   bench-launch [--x11] [--settle MS] [--timeout MS] -- PROGRAM ARGS...
 *
 * With --x11 it watches the X server's root window and notes when the
 * program's first top-level window is mapped (MapNotify), waits --settle
 * milliseconds more for the first frames, then ends the program with
 * SIGTERM. Without it, it waits for the program to exit. It prints one JSON
 * object: milliseconds to the map, wall milliseconds, peak resident memory
 * (ru_maxrss from wait4, KiB) and the exit status.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
usage (void)
{
  fprintf (stderr, "usage: bench-launch [--x11] [--settle MS] [--timeout MS] -- PROGRAM ARGS...\n");
  return 2;
}

int
main (int    argc,
      char **argv)
{
  int x11 = 0;
  double settle = 0, timeout = 120000;
  Display *display = NULL;
  double start, mapped = -1, end;
  struct rusage usage_info;
  int status = 0, i;
  pid_t pid;

  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--x11") == 0)
        x11 = 1;
      else if (strcmp (argv[i], "--settle") == 0 && i + 1 < argc)
        settle = atof (argv[++i]);
      else if (strcmp (argv[i], "--timeout") == 0 && i + 1 < argc)
        timeout = atof (argv[++i]);
      else if (strcmp (argv[i], "--") == 0)
        {
          i++;
          break;
        }
      else
        return usage ();
    }
  if (i >= argc)
    return usage ();

  if (x11)
    {
      display = XOpenDisplay (NULL);
      if (display == NULL)
        {
          fprintf (stderr, "bench-launch: cannot open the X display\n");
          return 1;
        }
      /* Every window mapped on the root, before the program can map one. */
      XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
      XSync (display, False);
    }

  start = now_ms ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 1;
    }
  if (pid == 0)
    {
      if (display != NULL)
        close (ConnectionNumber (display));
      execvp (argv[i], argv + i);
      perror (argv[i]);
      _exit (127);
    }

  if (x11)
    {
      int exited = 0;

      while (!exited)
        {
          double left = (mapped < 0 ? start + timeout : mapped + settle) - now_ms ();
          struct pollfd pfd = { ConnectionNumber (display), POLLIN, 0 };
          pid_t done;

          if (left <= 0)
            break;
          while (XPending (display))
            {
              XEvent event;

              XNextEvent (display, &event);
              if (event.type == MapNotify && mapped < 0 && !event.xmap.override_redirect)
                mapped = now_ms ();
            }
          done = wait4 (pid, &status, WNOHANG, &usage_info);
          if (done == pid)
            exited = 1;
          else
            poll (&pfd, 1, left > 20 ? 20 : (int) left + 1);
        }
      if (!exited)
        {
          kill (pid, SIGTERM);
          while (wait4 (pid, &status, 0, &usage_info) < 0 && errno == EINTR)
            ;
        }
    }
  else
    {
      while (wait4 (pid, &status, 0, &usage_info) < 0 && errno == EINTR)
        ;
    }
  end = now_ms ();

  printf ("{\"mapped_ms\": %.3f, \"wall_ms\": %.3f, \"maxrss_kib\": %ld, \"exit\": %d, \"signal\": %d}\n",
          mapped < 0 ? -1.0 : mapped - start, end - start, usage_info.ru_maxrss,
          WIFEXITED (status) ? WEXITSTATUS (status) : -1,
          WIFSIGNALED (status) ? WTERMSIG (status) : 0);
  if (display != NULL)
    XCloseDisplay (display);
  return 0;
}

/* apl-risk-matrix.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define APL_TYPE_RISK_MATRIX (apl_risk_matrix_get_type ())

G_DECLARE_FINAL_TYPE (AplRiskMatrix, apl_risk_matrix, APL, RISK_MATRIX, GtkWidget)

GtkWidget *apl_risk_matrix_new            (void);
void       apl_risk_matrix_set_risk       (AplRiskMatrix *self,
                                           int            likelihood,
                                           int            impact);
int        apl_risk_matrix_get_likelihood (AplRiskMatrix *self);
int        apl_risk_matrix_get_impact     (AplRiskMatrix *self);

G_END_DECLS

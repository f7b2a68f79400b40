/** The crisis managers of a body, by name, for the OCC pages (designation by hand, list filter). */
import { QueryTypes, type Sequelize } from 'sequelize';
import { finalStages } from '../../domain/occ/stages';

export interface CrisisManagerView {
  id: string;
  fullName: string;
  available: boolean;
  activeFiles: number;
}

export async function listCrisisManagers(sequelize: Sequelize, bodyId: string): Promise<CrisisManagerView[]> {
  return sequelize.query<CrisisManagerView>(
    `SELECT m.user_id AS id, u.full_name AS "fullName", COALESCE(p.available, true) AND NOT u.disabled AS available,
        (SELECT count(*)::int FROM occ_files o JOIN cases c ON c.id = o.case_id AND c.body_id = o.body_id
          WHERE o.body_id = m.body_id AND o.crisis_manager_id = m.user_id AND c.stage NOT IN (:final)) AS "activeFiles"
     FROM memberships m JOIN users u ON u.id = m.user_id
     LEFT JOIN mediator_profiles p ON p.body_id = m.body_id AND p.user_id = m.user_id
     WHERE m.body_id = :bodyId AND m.role = 'crisis_manager' ORDER BY u.full_name, m.user_id`,
    { type: QueryTypes.SELECT, replacements: { bodyId, final: [...finalStages] } },
  );
}

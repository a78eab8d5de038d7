import { connectionType } from '../common/connection';
import { ExportFlow } from './export-flow.type';

export const ExportFlowConnection = connectionType(ExportFlow, 'ExportFlow', 'export flows');

import type { AgentDesk, DeskState } from './desk.js';

/** Who is signed in, the auto-answer toggle, and the emulator's faults. */
export function Toolbar({ desk, state }: { desk: AgentDesk; state: DeskState }) {
  return (
    <header>
      <div class="topbar">
        <h1>Agent console</h1>
        <span class="who">{who(state)}</span>
        <span class="status" role="status">
          <span class={state.online ? 'status-dot' : 'status-dot offline'} aria-hidden="true" />
          {state.online ? 'Emulator online' : 'Emulator unreachable'}
        </span>
        <label class="toggle">
          <input
            type="checkbox"
            checked={state.autoAnswer}
            onChange={(event) => void desk.setAutoAnswer(event.currentTarget.checked)}
          />
          Auto-answer with the echo bot
        </label>
        <div class="faults" role="group" aria-label="Emulator faults">
          <span class="label">Faults:</span>
          <button type="button" onClick={() => void desk.fault('dropSockets')}>
            Drop sockets
          </button>
          <button type="button" disabled={state.heartbeatsStopped} onClick={() => void desk.fault('stopHeartbeats')}>
            Stop heartbeats
          </button>
          <button type="button" onClick={() => void desk.fault('failVisitorSend')}>
            Fail visitor's next send
          </button>
          <button type="button" onClick={() => void desk.fault('failAgentSend')}>
            Fail agent's next send
          </button>
          <button type="button" onClick={() => void desk.clearFaults()}>
            Clear faults
          </button>
        </div>
      </div>
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
    </header>
  );
}

/** Who answers for this console: its agent, or the echo bot while auto-answer is on. */
function who({ agent }: DeskState): string {
  if (!agent) return 'Signing in…';
  return agent.bot ? `${agent.name} answers new chats` : `Signed in as ${agent.name}`;
}

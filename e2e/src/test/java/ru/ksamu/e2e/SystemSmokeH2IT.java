package ru.ksamu.e2e;

class SystemSmokeH2IT extends SystemSmokeContract {
    @Override
    RunningSystem.Db db() {
        return RunningSystem.Db.H2;
    }
}
